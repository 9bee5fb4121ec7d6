import type Database from 'better-sqlite3'
import { beforeEach, describe, expect, it } from 'vitest'
import { migrate } from '../migrate'
import { useFreshDatabase } from '../test-support/fresh-database'

const freshDatabase = useFreshDatabase({ foreignKeys: false })
let db: Database.Database
beforeEach(() => {
  db = freshDatabase()
})

const insert = `INSERT INTO probe_cache (real_path, size, mtime_ms, ino, args, exit_code, stdout, stderr)
                VALUES (@path, 10, 1700000000123.5, 42, @args, 0, 'Python 3.12.1', '')`

describe('migration 002-probe-cache on a fresh database', () => {
  it('is applied after 001 and brings user_version to 2', () => {
    expect(migrate(db, 1)).toBe(1)
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'probe_cache'").get()).toEqual({ n: 0 })
    expect(migrate(db, 2)).toBe(2)
    expect(db.pragma('user_version', { simple: true })).toBe(2)
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'probe_cache'").get()).toEqual({ n: 1 })
  })

  it('creates the probe_cache columns with (real_path, args) as the primary key', () => {
    migrate(db, 2)
    const cols = db.pragma('table_info(probe_cache)') as { name: string; type: string; notnull: number; pk: number }[]
    expect(cols.map((c) => [c.name, c.type, c.notnull, c.pk])).toEqual([
      ['real_path', 'TEXT', 1, 1],
      ['size', 'INTEGER', 1, 0],
      ['mtime_ms', 'REAL', 1, 0],
      ['ino', 'INTEGER', 1, 0],
      ['args', 'TEXT', 1, 2],
      ['exit_code', 'INTEGER', 1, 0],
      ['stdout', 'TEXT', 1, 0],
      ['stderr', 'TEXT', 1, 0],
      ['probed_at', 'TEXT', 1, 0]
    ])
  })

  it('keeps one row per (real_path, args): a duplicate is rejected, other args are separate rows', () => {
    migrate(db, 2)
    db.prepare(insert).run({ path: '/usr/bin/python3.12', args: '["--version"]' })
    expect(() => db.prepare(insert).run({ path: '/usr/bin/python3.12', args: '["--version"]' })).toThrow(/UNIQUE constraint failed/)
    db.prepare(insert).run({ path: '/usr/bin/python3.12', args: '["-c","print(1)"]' })
    db.prepare(insert).run({ path: '/usr/bin/python3.11', args: '["--version"]' })
    expect(db.prepare('SELECT count(*) AS n FROM probe_cache').get()).toEqual({ n: 3 })
  })

  it('stores a fractional mtime exactly and stamps probed_at', () => {
    migrate(db, 2)
    db.prepare(insert).run({ path: '/usr/bin/python3.12', args: '[]' })
    const row = db.prepare('SELECT mtime_ms, probed_at FROM probe_cache').get() as { mtime_ms: number; probed_at: string }
    expect(row.mtime_ms).toBe(1700000000123.5)
    expect(row.probed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })
})
