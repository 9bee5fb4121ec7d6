import type { Migration } from './index'

/**
 * Executions (spec §1.5, the part that matters on one machine) and matrix runs. Output lives in log
 * files under `executions/<id>/`; the row keeps the run's fingerprint: selected version, interpreter,
 * env dir and deps hash.
 */
export const m004Executions: Migration = {
  version: 4,
  name: 'executions',
  up(db) {
    db.exec(`
      CREATE TABLE matrix_run (
        id INTEGER PRIMARY KEY,
        action_ref TEXT NOT NULL,
        parameters TEXT NOT NULL DEFAULT '{}',
        skipped TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        finished_at TEXT
      );
      CREATE TABLE execution (
        id INTEGER PRIMARY KEY,
        action_ref TEXT NOT NULL,
        pack_ref TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('requested', 'running', 'completed', 'failed', 'timeout', 'cancelled', 'abandoned')),
        parameters TEXT NOT NULL DEFAULT '{}',
        options TEXT NOT NULL DEFAULT '{}',
        runtime_ref TEXT,
        constraint_text TEXT,
        selected_version TEXT,
        resolution TEXT,
        fallback TEXT,
        warnings TEXT NOT NULL DEFAULT '[]',
        interpreter TEXT,
        env_dir TEXT,
        deps_hash TEXT,
        exit_code INTEGER,
        result TEXT,
        stdout_parsed INTEGER NOT NULL DEFAULT 0,
        stdout_truncated INTEGER NOT NULL DEFAULT 0,
        stderr_truncated INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        duration_ms INTEGER,
        matrix_id INTEGER REFERENCES matrix_run(id) ON DELETE SET NULL,
        rerun_of INTEGER,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        started_at TEXT,
        finished_at TEXT
      );
      CREATE INDEX execution_action ON execution (action_ref, id DESC);
      CREATE INDEX execution_status ON execution (status, id DESC);
      CREATE INDEX execution_matrix ON execution (matrix_id) WHERE matrix_id IS NOT NULL;
    `)
  }
}
