import { createHash } from 'node:crypto'
import { lstatSync, readdirSync, readlinkSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Db } from '../src/main/core/store/database'

/**
 * What a data home holds, reduced to fingerprints, to prove that a request answered with an error wrote
 * nothing.
 *
 * The database is read through the engine's own connection (the home is locked to it, so every write goes
 * through that connection): `total_changes()` counts each row it inserted, updated or deleted, and on request
 * every table but `probe_cache` (a cache of interpreter probes) is dumped in rowid order. On request the files
 * are listed with their inode, size and mtime (a write moves the mtime); the database files themselves are
 * left to the two database checks.
 */
export interface HomeSnapshot {
  readonly changes: number
  /** Table → hash of its rows; only when asked for (`tables`). */
  readonly tables: Readonly<Record<string, string>> | null
  /** Path → inode, size and mtime; only when asked for (`files`). */
  readonly files: Readonly<Record<string, string>> | null
}

/** What to fingerprint besides the row counter (both cost a few milliseconds on a busy home). */
export interface SnapshotOptions {
  readonly tables?: boolean
  readonly files?: boolean
}

const SKIPPED_TABLES = new Set(['probe_cache'])
const DATABASE_FILE = /^workbench\.db(-wal|-shm|-journal)?$/

export function snapshotHome(db: Db, home: string, options: SnapshotOptions = {}): HomeSnapshot {
  const changes = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n
  let files: Record<string, string> | null = null
  if (options.files) walk(home, home, (files = {}))
  return { changes, tables: options.tables ? dumpTables(db) : null, files }
}

/** The differences between two snapshots, in words; empty when nothing changed. */
export function snapshotChanges(before: HomeSnapshot, after: HomeSnapshot): string[] {
  const changes: string[] = []
  if (before.tables && after.tables) changes.push(...differences('table', before.tables, after.tables))
  // Without dumps the row counter decides; with them a write to probe_cache alone is allowed.
  else if (before.changes !== after.changes) changes.push(`${after.changes - before.changes} database rows written`)
  if (before.files && after.files) changes.push(...differences('file', before.files, after.files))
  return changes
}

function dumpTables(db: Db): Record<string, string> {
  const tables: Record<string, string> = {}
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
  for (const { name } of names) {
    if (SKIPPED_TABLES.has(name)) continue
    const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()
    tables[name] = createHash('sha256').update(JSON.stringify(rows)).digest('hex')
  }
  return tables
}

function differences(kind: string, a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): string[] {
  const out: string[] = []
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (a[key] === undefined) out.push(`${kind} ${key} appeared`)
    else if (b[key] === undefined) out.push(`${kind} ${key} disappeared`)
    else if (a[key] !== b[key]) out.push(`${kind} ${key} changed`)
  }
  return out
}

function walk(root: string, dir: string, files: Record<string, string>): void {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return
  }
  for (const name of names) {
    if (dir === root && DATABASE_FILE.test(name)) continue
    const path = join(dir, name)
    const stats = lstatSync(path)
    const key = relative(root, path)
    if (stats.isSymbolicLink()) files[key] = `link ${readlinkSync(path)}`
    else files[key] = `${stats.isDirectory() ? 'dir' : 'file'} ${stats.ino} ${stats.size} ${stats.mtimeMs}`
    if (stats.isDirectory()) walk(root, path, files)
  }
}
