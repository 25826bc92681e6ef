/**
 * Schema 10: sessions and everything recorded during one (evidence, check results, answers, actions,
 * notes). Released migrations never change; fixes come as new steps.
 */
import type { WritableDb } from '../database-handles'

/** Creates the core tables. */
export function migrateTo0010(db: WritableDb): void {
  db.exec(`
    CREATE TABLE sessions (
      id INTEGER PRIMARY KEY,
      -- Stable across export/import; the integer id is local to one database file.
      uid TEXT NOT NULL UNIQUE,
      host TEXT,
      role TEXT NOT NULL CHECK (role IN ('Edge', 'FrontEnd', 'Unknown')),
      product_version TEXT,
      domains_json TEXT NOT NULL DEFAULT '[]',
      source TEXT NOT NULL,
      collected_at TEXT,
      app_version TEXT,
      started_at INTEGER NOT NULL,
      ended_at INTEGER,
      updated_at INTEGER NOT NULL,
      verdict TEXT CHECK (verdict IN ('healthy', 'problems', 'incomplete')),
      root_cause_check_id TEXT,
      root_cause_node_id TEXT,
      root_cause_json TEXT,
      path_json TEXT NOT NULL DEFAULT '[]',
      current_node TEXT,
      next_action_json TEXT,
      walk_answers_json TEXT NOT NULL DEFAULT '{}',
      diagnosis_started_at TEXT,
      diagnosis_duration_ms INTEGER,
      snapshot_json TEXT
    ) STRICT;
    CREATE INDEX sessions_by_start ON sessions (started_at DESC, id DESC);
    CREATE INDEX sessions_by_host ON sessions (host COLLATE NOCASE, started_at DESC);
    CREATE INDEX sessions_by_verdict ON sessions (verdict, started_at DESC);
    CREATE INDEX sessions_by_root_cause ON sessions (root_cause_check_id, started_at DESC);

    CREATE TABLE evidence_files (
      id INTEGER PRIMARY KEY,
      session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      compression TEXT NOT NULL CHECK (compression IN ('gzip', 'brotli', 'none')),
      original_size INTEGER NOT NULL,
      -- Of the original (uncompressed) bytes, hex.
      sha256 TEXT NOT NULL,
      content BLOB NOT NULL,
      recorded_at INTEGER NOT NULL,
      UNIQUE (session_id, name)
    ) STRICT;

    CREATE TABLE check_results (
      id INTEGER PRIMARY KEY,
      session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      -- Checks may run again in one session (after a fix); every run is kept.
      run_no INTEGER NOT NULL,
      position INTEGER NOT NULL,
      check_id TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pass', 'warn', 'fail', 'unknown', 'skipped')),
      summary_en TEXT NOT NULL,
      summary_zh_tw TEXT NOT NULL,
      evidence_json TEXT NOT NULL,
      fix_json TEXT,
      duration_ms INTEGER NOT NULL,
      crashed TEXT,
      recorded_at INTEGER NOT NULL,
      UNIQUE (session_id, run_no, position)
    ) STRICT;

    CREATE TABLE answers (
      id INTEGER PRIMARY KEY,
      session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      node_id TEXT NOT NULL,
      answer_id TEXT NOT NULL,
      answered_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX answers_by_session ON answers (session_id, id);

    CREATE TABLE actions (
      id INTEGER PRIMARY KEY,
      session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      command TEXT NOT NULL,
      run_on TEXT,
      -- Committed before the command runs, so a crash mid-command still shows it was started.
      confirmed_at INTEGER NOT NULL,
      finished_at INTEGER,
      status TEXT NOT NULL CHECK (status IN ('started', 'succeeded', 'failed')),
      exit_code INTEGER,
      output TEXT
    ) STRICT;
    CREATE INDEX actions_by_session ON actions (session_id, id);

    CREATE TABLE notes (
      id INTEGER PRIMARY KEY,
      session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
      created_at INTEGER NOT NULL,
      body TEXT NOT NULL
    ) STRICT;
    CREATE INDEX notes_by_session ON notes (session_id, id);
    CREATE INDEX check_results_by_session ON check_results (session_id, run_no, position);
  `)
}
