import type { Migration } from './index'

/**
 * Runtimes and runtime versions: the columns of spec §1.1–1.2 that matter on one machine, plus the
 * workbench's own: the user's `enabled` toggle, the resolved interpreter and its source, and the
 * last verification's detail.
 */
export const m001Runtimes: Migration = {
  version: 1,
  name: 'runtimes',
  up(db) {
    db.exec(`
      CREATE TABLE runtime (
        id INTEGER PRIMARY KEY,
        ref TEXT NOT NULL UNIQUE CHECK (ref = lower(ref)),
        pack_ref TEXT,
        name TEXT NOT NULL,
        description TEXT,
        aliases TEXT NOT NULL DEFAULT '[]',
        distributions TEXT NOT NULL DEFAULT '{}',
        installation TEXT,
        execution_config TEXT NOT NULL DEFAULT '{}',
        origin TEXT NOT NULL DEFAULT 'catalog',
        source_file TEXT,
        available INTEGER NOT NULL DEFAULT 0,
        verified_at TEXT,
        verification TEXT,
        reason TEXT,
        retired_at TEXT,
        created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      );
      CREATE TABLE runtime_version (
        id INTEGER PRIMARY KEY,
        runtime INTEGER NOT NULL REFERENCES runtime(id) ON DELETE CASCADE,
        runtime_ref TEXT NOT NULL,
        version TEXT NOT NULL,
        version_major INTEGER,
        version_minor INTEGER,
        version_patch INTEGER,
        execution_config TEXT NOT NULL DEFAULT '{}',
        distributions TEXT NOT NULL DEFAULT '{}',
        is_default INTEGER NOT NULL DEFAULT 0,
        available INTEGER NOT NULL DEFAULT 0,
        verified_at TEXT,
        meta TEXT NOT NULL DEFAULT '{}',
        enabled INTEGER NOT NULL DEFAULT 1,
        interpreter TEXT,
        source TEXT,
        source_detail TEXT,
        verification TEXT,
        reason TEXT,
        retired_at TEXT,
        created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        UNIQUE (runtime, version)
      );
      CREATE INDEX runtime_version_active ON runtime_version (runtime, version) WHERE retired_at IS NULL;
    `)
  }
}
