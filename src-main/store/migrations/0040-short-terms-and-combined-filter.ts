/**
 * Schema 40, from the history benchmark at 10,000 sessions:
 * - `search_grams`, an index of every 1- and 2-character gram of notes and findings (search-grams.ts),
 *   so short search terms ("5", "OK", "錯") use an index instead of LIKE over every finding (63–158 ms p95);
 *   its rowid carries the session id (search-grams.ts, gramRowid), so a match reads no second table;
 * - an index for host + verdict + date together (29 ms p95 with the single-column indexes).
 */
import type { WritableDb } from '../database-handles'
import { buildSearchGrams, gramRowid, gramRowidSql } from '../search-grams'

interface FindingRow {
  readonly id: number
  readonly session_id: number
  readonly check_id: string
  readonly summary_en: string
  readonly summary_zh_tw: string
  readonly evidence_json: string
  readonly fix_json: string | null
}

/** Creates the short-term index and its triggers, indexes existing notes and findings, adds the combined index. */
export function migrateTo0040(db: WritableDb): void {
  db.exec(`
    CREATE INDEX sessions_by_host_verdict ON sessions (host COLLATE NOCASE, verdict, started_at DESC);

    CREATE VIRTUAL TABLE search_grams USING fts5 (grams, content = '', contentless_delete = 1, tokenize = 'ascii');
    CREATE TRIGGER search_grams_note_deleted AFTER DELETE ON notes BEGIN
      DELETE FROM search_grams WHERE rowid = ${gramRowidSql('OLD', 'note')};
    END;
    CREATE TRIGGER search_grams_note_edited AFTER UPDATE OF body ON notes BEGIN
      DELETE FROM search_grams WHERE rowid = ${gramRowidSql('OLD', 'note')};
    END;
    CREATE TRIGGER search_grams_finding_deleted AFTER DELETE ON check_results BEGIN
      DELETE FROM search_grams WHERE rowid = ${gramRowidSql('OLD', 'finding')};
    END;
  `)
  const insert = db.prepare('INSERT INTO search_grams (rowid, grams) VALUES (?, ?)')
  // Batches of ids: better-sqlite3 cannot write while a statement iterates, and .all() on everything
  // would hold the whole history in memory.
  const notes = db.prepare<[number], { id: number; session_id: number; body: string }>(
    'SELECT id, session_id, body FROM notes WHERE id > ? ORDER BY id LIMIT 1000',
  )
  for (let batch = notes.all(0); batch.length > 0; batch = notes.all(batch[batch.length - 1]!.id)) {
    for (const note of batch) insert.run(gramRowid(note.session_id, 'note', note.id), buildSearchGrams([note.body]))
  }
  const findings = db.prepare<[number], FindingRow>(
    `SELECT id, session_id, check_id, summary_en, summary_zh_tw, evidence_json, fix_json FROM check_results
     WHERE status IN ('warn', 'fail', 'unknown') AND id > ? ORDER BY id LIMIT 1000`,
  )
  for (let batch = findings.all(0); batch.length > 0; batch = findings.all(batch[batch.length - 1]!.id)) {
    for (const row of batch) {
      const evidence = JSON.parse(row.evidence_json) as { text: string }[]
      const fix = row.fix_json ? (JSON.parse(row.fix_json) as { description: { en: string; 'zh-TW': string }; commands: string[] }) : null
      insert.run(
        gramRowid(row.session_id, 'finding', row.id),
        buildSearchGrams([
          row.check_id,
          row.summary_en,
          row.summary_zh_tw,
          ...evidence.map((e) => e.text),
          ...(fix ? [fix.description.en, fix.description['zh-TW'], ...fix.commands] : []),
        ]),
      )
    }
  }
}
