import type { FileIdentity, ProbeCache, ProbeOutcome } from '../discovery'
import type { Db } from './database'
import { Statements } from './statements'
import { now } from './json-columns'

interface ProbeRow {
  size: number
  mtime_ms: number
  ino: number
  exit_code: number
  stdout: string
  stderr: string
}

/** The discovery probe cache, persisted: a hit needs the same real path, size, mtime and inode. */
export class SqliteProbeCache implements ProbeCache {
  private readonly db: Statements

  constructor(db: Db) {
    this.db = new Statements(db)
  }

  get(identity: FileIdentity, args: readonly string[]): ProbeOutcome | undefined {
    const row = this.db
      .prepare('SELECT size, mtime_ms, ino, exit_code, stdout, stderr FROM probe_cache WHERE real_path = ? AND args = ?')
      .get(identity.realPath, JSON.stringify(args)) as ProbeRow | undefined
    if (!row || row.size !== identity.size || row.mtime_ms !== identity.mtimeMs || row.ino !== identity.ino) return undefined
    return { exitCode: row.exit_code, stdout: row.stdout, stderr: row.stderr, timedOut: false, spawnError: null, cached: true }
  }

  set(identity: FileIdentity, args: readonly string[], outcome: ProbeOutcome): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO probe_cache (real_path, size, mtime_ms, ino, args, exit_code, stdout, stderr, probed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(identity.realPath, identity.size, identity.mtimeMs, identity.ino, JSON.stringify(args), outcome.exitCode, outcome.stdout, outcome.stderr, now())
  }

  clear(): void {
    this.db.exec('DELETE FROM probe_cache')
  }
}
