/**
 * Schema 40, from the history benchmark at 10,000 sessions:
 * - `search_grams`, an index of every 1- and 2-character gram of notes and findings (search-grams.ts),
 *   so short search terms ("5", "OK", "錯") use an index instead of LIKE over every finding (63–158 ms p95);
 * - search_entries rebuilt without its stored session_id column: in both tables the rowid carries the
 *   session (search-rowid.ts), so a match reads no content table;
 * - an index for host + verdict + date together (29 ms p95 with the single-column indexes).
 */
import type { WritableDb } from '../database-handles'
// Frozen copies of the search code of the day (a migration must not change with the live code).
import { buildFindingSearchBody, buildSearchBody, buildSearchGrams, findingSearchParts, searchRowid, searchRowidSql, type SearchableFinding } from './0040-frozen-search'

interface FindingRow {
  readonly id: number
  readonly session_id: number
  readonly check_id: string
  readonly summary_en: string
  readonly summary_zh_tw: string
  readonly evidence_json: string
  readonly fix_json: string | null
}

/** Rebuilds search_entries, creates search_grams, their triggers and the combined index; indexes existing rows. */
export function migrateTo0040(db: WritableDb): void {
  const triggers = (table: string): string => `
    CREATE TRIGGER ${table}_note_deleted AFTER DELETE ON notes BEGIN
      DELETE FROM ${table} WHERE rowid = ${searchRowidSql('OLD', 'note')};
    END;
    CREATE TRIGGER ${table}_note_edited AFTER UPDATE OF body ON notes BEGIN
      DELETE FROM ${table} WHERE rowid = ${searchRowidSql('OLD', 'note')};
    END;
    CREATE TRIGGER ${table}_finding_deleted AFTER DELETE ON check_results BEGIN
      DELETE FROM ${table} WHERE rowid = ${searchRowidSql('OLD', 'finding')};
    END;`
  db.exec(`
    CREATE INDEX sessions_by_host_verdict ON sessions (host COLLATE NOCASE, verdict, started_at DESC);

    DROP TRIGGER search_entries_note_deleted;
    DROP TRIGGER search_entries_note_edited;
    DROP TRIGGER search_entries_finding_deleted;
    DROP TABLE search_entries;
    CREATE VIRTUAL TABLE search_entries USING fts5 (body, content = '', contentless_delete = 1, tokenize = 'trigram');
    CREATE VIRTUAL TABLE search_grams USING fts5 (grams, content = '', contentless_delete = 1, tokenize = 'ascii');
    ${triggers('search_entries')}
    ${triggers('search_grams')}
  `)
  const insertEntry = db.prepare('INSERT INTO search_entries (rowid, body) VALUES (?, ?)')
  const insertGrams = db.prepare('INSERT INTO search_grams (rowid, grams) VALUES (?, ?)')
  // Batches of ids: better-sqlite3 cannot write while a statement iterates, and .all() on everything
  // would hold the whole history in memory.
  const notes = db.prepare<[number], { id: number; session_id: number; body: string }>(
    'SELECT id, session_id, body FROM notes WHERE id > ? ORDER BY id LIMIT 1000',
  )
  for (let batch = notes.all(0); batch.length > 0; batch = notes.all(batch[batch.length - 1]!.id)) {
    for (const note of batch) {
      const rowid = searchRowid(note.session_id, 'note', note.id)
      insertEntry.run(rowid, buildSearchBody([note.body]))
      insertGrams.run(rowid, buildSearchGrams([note.body]))
    }
  }
  const findings = db.prepare<[number], FindingRow>(
    `SELECT id, session_id, check_id, summary_en, summary_zh_tw, evidence_json, fix_json FROM check_results
     WHERE status IN ('warn', 'fail', 'unknown') AND id > ? ORDER BY id LIMIT 1000`,
  )
  for (let batch = findings.all(0); batch.length > 0; batch = findings.all(batch[batch.length - 1]!.id)) {
    for (const row of batch) {
      const finding: SearchableFinding = {
        checkId: row.check_id,
        summaryEn: row.summary_en,
        summaryZhTw: row.summary_zh_tw,
        evidence: JSON.parse(row.evidence_json) as { text: string }[],
        fix: row.fix_json ? (JSON.parse(row.fix_json) as { description: { en: string; 'zh-TW': string }; commands: string[] }) : null,
      }
      const rowid = searchRowid(row.session_id, 'finding', row.id)
      insertEntry.run(rowid, buildFindingSearchBody(finding))
      insertGrams.run(rowid, buildSearchGrams(findingSearchParts(finding)))
    }
  }
}
