import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrate } from './migrate'
import { migrations } from './migrations'
import { createTempDir, type TempDir } from './test-support/temp-dir'

let temp: TempDir
let db: Database.Database

beforeEach(() => {
  temp = createTempDir()
  db = new Database(temp.path('home.db'))
})
afterEach(() => {
  if (db.open) db.close()
  temp.dispose()
})

function schema(): string[] {
  return (db.prepare("SELECT type || ' ' || name AS item FROM sqlite_master ORDER BY name").all() as { item: string }[]).map((r) => r.item)
}

describe('migrations list', () => {
  it('numbers the migrations 1..n in order, one name each', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, index) => index + 1))
    expect(migrations.map((m) => m.name).slice(0, 2)).toEqual(['runtimes', 'probe-cache'])
    expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length)
  })
})

describe('migrate', () => {
  it('brings a fresh database to the newest version by default', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(0)
    expect(migrate(db)).toBe(migrations.length)
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    expect(schema()).toEqual(expect.arrayContaining(['table runtime', 'table runtime_version', 'table probe_cache']))
  })

  it('is idempotent: a second run changes nothing and keeps the data', () => {
    migrate(db)
    db.prepare("INSERT INTO runtime (ref, name) VALUES ('core.python', 'Python')").run()
    const before = schema()
    expect(migrate(db)).toBe(migrations.length)
    expect(migrate(db)).toBe(migrations.length)
    expect(schema()).toEqual(before)
    expect(db.prepare('SELECT ref FROM runtime').all()).toEqual([{ ref: 'core.python' }])
  })

  it('applies only the steps above the current version', () => {
    migrate(db, 1)
    db.prepare("INSERT INTO runtime (ref, name) VALUES ('core.python', 'Python')").run()
    expect(migrate(db)).toBe(migrations.length)
    expect(db.prepare('SELECT ref FROM runtime').all()).toEqual([{ ref: 'core.python' }])
  })

  it('survives close and reopen: the version is stored in the file', () => {
    migrate(db)
    db.close()
    db = new Database(temp.path('home.db'))
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    expect(migrate(db)).toBe(migrations.length)
  })

  it('refuses a database written by a newer build, with a message naming the file and both schema numbers', () => {
    db.pragma(`user_version = ${migrations.length + 1}`)
    let error: unknown
    try {
      migrate(db)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(Error)
    const message = (error as Error).message
    expect(message).toContain('newer Attune Workbench')
    expect(message).toContain(`schema ${migrations.length + 1}`)
    expect(message).toContain(`knows ${migrations.length}`)
    expect(message).toContain(temp.path('home.db'))
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length + 1)
    expect(schema()).toEqual([])
  })

  it('rolls back a failing step together with its version bump', () => {
    // A table the first migration wants to create already exists: step 1 fails as a whole.
    db.exec('CREATE TABLE runtime_version (x)')
    expect(() => migrate(db)).toThrow(/already exists/)
    expect(db.pragma('user_version', { simple: true })).toBe(0)
    expect(schema()).toEqual(['table runtime_version'])
  })
})
