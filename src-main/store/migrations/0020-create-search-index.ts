/**
 * Schema 20: full-text search over notes and findings (checks that did not pass).
 * Contentless FTS5 tables keep only the index, not a second copy of the text; triggers keep them in
 * step with the source rows, and the back-fill indexes what schema 10 databases already hold.
 */
import type { WritableDb } from '../database-handles'

// The trigram tokenizer matches substrings, which is what makes zh-TW text searchable: unicode61
// would treat a whole run of Han characters as one token. Terms under 3 characters fall back to
// LIKE in the query code.
const FINDING_STATUSES = `('warn', 'fail', 'unknown')`

const FINDING_BODY = (row: 'NEW' | 'c'): string => `
  ${row}.check_id || char(10) || ${row}.summary_en || char(10) || ${row}.summary_zh_tw || char(10) ||
  coalesce((SELECT group_concat(json_extract(e.value, '$.text'), char(10)) FROM json_each(${row}.evidence_json) AS e), '') ||
  char(10) || coalesce(json_extract(${row}.fix_json, '$.description.en'), '') ||
  char(10) || coalesce(json_extract(${row}.fix_json, '$.description.zh-TW'), '') ||
  char(10) || coalesce((SELECT group_concat(k.value, char(10)) FROM json_each(${row}.fix_json, '$.commands') AS k), '')`

/** Creates the search tables and their triggers, and indexes existing rows. */
export function migrateTo0020(db: WritableDb): void {
  db.exec(`
    CREATE VIRTUAL TABLE notes_search USING fts5 (body, content = '', contentless_delete = 1, tokenize = 'trigram');
    CREATE VIRTUAL TABLE findings_search USING fts5 (body, content = '', contentless_delete = 1, tokenize = 'trigram');

    CREATE TRIGGER notes_search_after_insert AFTER INSERT ON notes BEGIN
      INSERT INTO notes_search (rowid, body) VALUES (NEW.id, NEW.body);
    END;
    CREATE TRIGGER notes_search_after_update AFTER UPDATE OF body ON notes BEGIN
      DELETE FROM notes_search WHERE rowid = OLD.id;
      INSERT INTO notes_search (rowid, body) VALUES (NEW.id, NEW.body);
    END;
    CREATE TRIGGER notes_search_after_delete AFTER DELETE ON notes BEGIN
      DELETE FROM notes_search WHERE rowid = OLD.id;
    END;

    CREATE TRIGGER findings_search_after_insert AFTER INSERT ON check_results
    WHEN NEW.status IN ${FINDING_STATUSES} BEGIN
      INSERT INTO findings_search (rowid, body) VALUES (NEW.id, ${FINDING_BODY('NEW')});
    END;
    CREATE TRIGGER findings_search_after_delete AFTER DELETE ON check_results
    WHEN OLD.status IN ${FINDING_STATUSES} BEGIN
      DELETE FROM findings_search WHERE rowid = OLD.id;
    END;

    INSERT INTO notes_search (rowid, body) SELECT id, body FROM notes;
    INSERT INTO findings_search (rowid, body)
      SELECT c.id, ${FINDING_BODY('c')} FROM check_results AS c WHERE c.status IN ${FINDING_STATUSES};
  `)
}
