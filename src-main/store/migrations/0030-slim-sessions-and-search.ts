/**
 * Schema 30, from what the history benchmark showed at 10,000 sessions:
 * - the configuration snapshot (~5 KB of JSON) moves out of `sessions` into `session_snapshots`, so
 *   list and filter queries read small rows;
 * - one search table keyed by session replaces notes_search/findings_search (no join, no UNION), filled
 *   by the query code with CJK pairs marked so two-character zh-TW words use the index (search-body.ts);
 * - indexes for filtering by root-cause node and for scanning findings only.
 */
import type { WritableDb } from '../database-handles'

interface FindingRow {
  readonly id: number
  readonly session_id: number
  readonly check_id: string
  readonly summary_en: string
  readonly summary_zh_tw: string
  readonly evidence_json: string
  readonly fix_json: string | null
}

/** Moves snapshots, rebuilds the search index, adds indexes. */
export function migrateTo0030(db: WritableDb): void {
  db.exec(`
    CREATE TABLE session_snapshots (
      session_id INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
      snapshot_json TEXT NOT NULL
    ) STRICT;
    INSERT INTO session_snapshots (session_id, snapshot_json) SELECT id, snapshot_json FROM sessions WHERE snapshot_json IS NOT NULL;
    ALTER TABLE sessions DROP COLUMN snapshot_json;

    CREATE INDEX sessions_by_root_cause_node ON sessions (root_cause_node_id, started_at DESC);
    CREATE INDEX check_results_findings ON check_results (session_id) WHERE status IN ('warn', 'fail', 'unknown');

    DROP TRIGGER notes_search_after_insert;
    DROP TRIGGER notes_search_after_update;
    DROP TRIGGER notes_search_after_delete;
    DROP TRIGGER findings_search_after_insert;
    DROP TRIGGER findings_search_after_delete;
    DROP TABLE notes_search;
    DROP TABLE findings_search;

    -- rowid: check_results.id for findings, minus notes.id for notes (FTS5 rowids are signed 64-bit).
    CREATE VIRTUAL TABLE search_entries USING fts5 (
      session_id UNINDEXED, body,
      content = '', contentless_delete = 1, contentless_unindexed = 1, tokenize = 'trigram'
    );
    CREATE TRIGGER search_entries_note_deleted AFTER DELETE ON notes BEGIN
      DELETE FROM search_entries WHERE rowid = -OLD.id;
    END;
    CREATE TRIGGER search_entries_note_edited AFTER UPDATE OF body ON notes BEGIN
      DELETE FROM search_entries WHERE rowid = -OLD.id;
    END;
    CREATE TRIGGER search_entries_finding_deleted AFTER DELETE ON check_results BEGIN
      DELETE FROM search_entries WHERE rowid = OLD.id;
    END;
  `)
  const insert = db.prepare('INSERT INTO search_entries (rowid, session_id, body) VALUES (?, ?, ?)')
  // better-sqlite3 cannot write while a statement iterates, and .all() on everything would hold the
  // whole history in memory: read in batches of ids instead.
  const notes = db.prepare<[number], { id: number; session_id: number; body: string }>(
    'SELECT id, session_id, body FROM notes WHERE id > ? ORDER BY id LIMIT 1000',
  )
  for (let batch = notes.all(0); batch.length > 0; batch = notes.all(batch[batch.length - 1]!.id)) {
    for (const note of batch) insert.run(-note.id, note.session_id, buildSearchBody([note.body]))
  }
  const findings = db.prepare<[number], FindingRow>(
    `SELECT id, session_id, check_id, summary_en, summary_zh_tw, evidence_json, fix_json FROM check_results
     WHERE status IN ('warn', 'fail', 'unknown') AND id > ? ORDER BY id LIMIT 1000`,
  )
  for (let batch = findings.all(0); batch.length > 0; batch = findings.all(batch[batch.length - 1]!.id)) {
    for (const row of batch) {
      insert.run(
        row.id,
        row.session_id,
        buildFindingSearchBody({
          checkId: row.check_id,
          summaryEn: row.summary_en,
          summaryZhTw: row.summary_zh_tw,
          evidence: JSON.parse(row.evidence_json) as { text: string }[],
          fix: row.fix_json ? (JSON.parse(row.fix_json) as { description: { en: string; 'zh-TW': string }; commands: string[] }) : null,
        }),
      )
    }
  }
}

// What this step indexed, frozen as it was released: a migration never changes, so it must not follow later
// edits of search-body.ts (schema 40 re-indexes with the current rules).
const CJK_PAIR_MARK = '\uE000'
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u

function buildSearchBody(parts: readonly string[]): string {
  const joined = parts.filter((p) => p.length > 0).join('\n')
  const pairs: string[] = []
  const chars = [...joined]
  for (let i = 0; i + 1 < chars.length; i++) {
    if (CJK.test(chars[i]!) && CJK.test(chars[i + 1]!)) pairs.push(`${chars[i]}${chars[i + 1]}${CJK_PAIR_MARK}`)
  }
  return pairs.length > 0 ? `${joined}\n${[...new Set(pairs)].join(' ')}` : joined
}

function buildFindingSearchBody(finding: {
  checkId: string
  summaryEn: string
  summaryZhTw: string
  evidence: readonly { text: string }[]
  fix: { description: { en: string; 'zh-TW': string }; commands: readonly string[] } | null
}): string {
  return buildSearchBody([
    finding.checkId,
    finding.summaryEn,
    finding.summaryZhTw,
    ...finding.evidence.map((e) => e.text),
    ...(finding.fix ? [finding.fix.description.en, finding.fix.description['zh-TW'], ...finding.fix.commands] : []),
  ])
}
