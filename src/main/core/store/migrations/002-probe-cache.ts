import type { Migration } from './index'

/** Probe results keyed by file identity, so an unchanged machine is re-verified without spawning. */
export const m002ProbeCache: Migration = {
  version: 2,
  name: 'probe-cache',
  up(db) {
    db.exec(`
      CREATE TABLE probe_cache (
        real_path TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ms REAL NOT NULL,
        ino INTEGER NOT NULL,
        args TEXT NOT NULL,
        exit_code INTEGER NOT NULL,
        stdout TEXT NOT NULL,
        stderr TEXT NOT NULL,
        probed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        PRIMARY KEY (real_path, args)
      );
    `)
  }
}
