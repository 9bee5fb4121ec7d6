import type { Migration } from './index'

/**
 * Registered packs (spec §1.4, the part that matters on one machine) and their actions (§1.3). A pack
 * is registered where it lies: `dir` is the author's working copy, nothing is copied. `setting` holds
 * small engine facts (e.g. whether the example packs were offered on first start).
 */
export const m003Packs: Migration = {
  version: 3,
  name: 'packs',
  up(db) {
    db.exec(`
      CREATE TABLE pack (
        id INTEGER PRIMARY KEY,
        ref TEXT NOT NULL UNIQUE CHECK (ref = lower(ref)),
        dir TEXT NOT NULL UNIQUE,
        label TEXT,
        description TEXT,
        version TEXT,
        problems TEXT NOT NULL DEFAULT '[]',
        watched_files TEXT NOT NULL DEFAULT '[]',
        registered_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        loaded_at TEXT
      );
      CREATE TABLE action (
        id INTEGER PRIMARY KEY,
        pack INTEGER NOT NULL REFERENCES pack(id) ON DELETE CASCADE,
        ref TEXT NOT NULL UNIQUE CHECK (ref = lower(ref)),
        runtime_ref TEXT,
        runtime_version_constraint TEXT,
        definition TEXT NOT NULL,
        retired_at TEXT,
        updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      );
      CREATE INDEX action_pack ON action (pack) WHERE retired_at IS NULL;
      CREATE TABLE setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `)
  }
}
