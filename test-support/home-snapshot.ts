import { createHash } from 'node:crypto'
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Db } from '../src/main/core/store/database'

/**
 * What a data home holds, reduced to hashes, to prove that a request answered with an error wrote nothing.
 *
 * The database is read through the engine's own connection (the home is locked to it): every table but
 * `probe_cache` (a cache of interpreter probes, which reads may fill), rows in rowid order. Files are listed
 * with size, mtime and a content hash; the database files themselves are left to the table dump.
 */
export interface HomeSnapshot {
  readonly tables: Readonly<Record<string, string>>
  readonly files: Readonly<Record<string, string>>
}

const SKIPPED_TABLES = new Set(['probe_cache'])
const DATABASE_FILE = /^workbench\.db(-wal|-shm|-journal)?$/

export function snapshotHome(db: Db, home: string): HomeSnapshot {
  const tables: Record<string, string> = {}
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
  for (const { name } of names) {
    if (SKIPPED_TABLES.has(name)) continue
    const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()
    tables[name] = createHash('sha256').update(JSON.stringify(rows)).digest('hex')
  }
  const files: Record<string, string> = {}
  walk(home, home, files)
  return { tables, files }
}

/** The differences between two snapshots, in words; empty when nothing changed. */
export function snapshotChanges(before: HomeSnapshot, after: HomeSnapshot): string[] {
  const changes: string[] = []
  for (const [kind, a, b] of [
    ['table', before.tables, after.tables],
    ['file', before.files, after.files]
  ] as const) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (a[key] === undefined) changes.push(`${kind} ${key} appeared`)
      else if (b[key] === undefined) changes.push(`${kind} ${key} disappeared`)
      else if (a[key] !== b[key]) changes.push(`${kind} ${key} changed`)
    }
  }
  return changes
}

function walk(root: string, dir: string, files: Record<string, string>): void {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return
  }
  for (const name of names.sort()) {
    const path = join(dir, name)
    const rel = relative(root, path)
    if (dir === root && DATABASE_FILE.test(name)) continue
    const stats = lstatSync(path)
    if (stats.isDirectory()) {
      files[`${rel}/`] = `dir ${stats.mtimeMs}`
      walk(root, path, files)
    } else if (stats.isSymbolicLink()) {
      files[rel] = `link ${readlinkSync(path)}`
    } else if (stats.isFile()) {
      files[rel] = `file ${stats.size} ${stats.mtimeMs} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`
    } else {
      files[rel] = `special ${stats.mode}`
    }
  }
}
