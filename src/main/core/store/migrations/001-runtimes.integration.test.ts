import type Database from 'better-sqlite3'
import { beforeEach, describe, expect, it } from 'vitest'
import { migrate } from '../migrate'
import { useFreshDatabase } from '../test-support/fresh-database'

const freshDatabase = useFreshDatabase({ foreignKeys: false })
let db: Database.Database
beforeEach(() => {
  db = freshDatabase()
})

function tables(): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name)
}

function columns(table: string): Record<string, { type: string; notnull: number; dflt_value: string | null; pk: number }> {
  const rows = db.pragma(`table_info(${table})`) as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[]
  return Object.fromEntries(rows.map((row) => [row.name, row]))
}

function insertRuntime(ref: string): number {
  return Number(db.prepare('INSERT INTO runtime (ref, name) VALUES (?, ?)').run(ref, ref).lastInsertRowid)
}

function insertVersion(runtime: number, version: string): number {
  return Number(
    db.prepare('INSERT INTO runtime_version (runtime, runtime_ref, version) VALUES (?, ?, ?)').run(runtime, 'core.python', version).lastInsertRowid
  )
}

describe('migration 001-runtimes on a fresh database', () => {
  beforeEach(() => {
    expect(migrate(db, 1)).toBe(1)
  })

  it('sets user_version 1 and creates only the runtime tables', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    expect(tables()).toEqual(['runtime', 'runtime_version'])
  })

  it('creates the runtime columns of spec §1.1 plus the workbench columns', () => {
    const cols = columns('runtime')
    expect(Object.keys(cols).sort()).toEqual(
      [
        'aliases', 'available', 'created', 'description', 'distributions', 'execution_config', 'id', 'installation', 'name',
        'origin', 'pack_ref', 'reason', 'ref', 'retired_at', 'source_file', 'updated', 'verification', 'verified_at'
      ].sort()
    )
    expect(cols.id?.pk).toBe(1)
    expect(cols.ref?.notnull).toBe(1)
    expect(cols.name?.notnull).toBe(1)
    expect(cols.retired_at?.notnull).toBe(0)
  })

  it('fills the runtime defaults: empty JSON, unavailable, catalog origin, ISO timestamps', () => {
    const id = insertRuntime('core.python')
    const row = db.prepare('SELECT * FROM runtime WHERE id = ?').get(id) as Record<string, unknown>
    expect(row).toMatchObject({ aliases: '[]', distributions: '{}', execution_config: '{}', origin: 'catalog', available: 0, retired_at: null })
    expect(row.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(row.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  })

  it('rejects a duplicate runtime ref', () => {
    insertRuntime('core.python')
    expect(() => insertRuntime('core.python')).toThrow(/UNIQUE constraint failed: runtime\.ref/)
  })

  it('rejects a ref that is not lower-case (CHECK ref = lower(ref))', () => {
    expect(() => insertRuntime('Core.Python')).toThrow(/CHECK constraint failed/)
    expect(() => insertRuntime('core.PYTHON')).toThrow(/CHECK constraint failed/)
    expect(() => insertRuntime('core.python')).not.toThrow()
  })

  it('creates the runtime_version columns of spec §1.2 plus the workbench columns', () => {
    const cols = columns('runtime_version')
    expect(Object.keys(cols).sort()).toEqual(
      [
        'available', 'created', 'distributions', 'enabled', 'execution_config', 'id', 'interpreter', 'is_default', 'meta',
        'reason', 'retired_at', 'runtime', 'runtime_ref', 'source', 'source_detail', 'updated', 'verification',
        'verified_at', 'version', 'version_major', 'version_minor', 'version_patch'
      ].sort()
    )
    for (const name of ['version_major', 'version_minor', 'version_patch']) {
      expect(cols[name]).toMatchObject({ type: 'INTEGER', notnull: 0 })
    }
  })

  it('fills the runtime_version defaults: enabled, not default, unavailable, empty JSON', () => {
    const runtime = insertRuntime('core.python')
    const id = insertVersion(runtime, '3.12')
    const row = db.prepare('SELECT * FROM runtime_version WHERE id = ?').get(id) as Record<string, unknown>
    expect(row).toMatchObject({
      enabled: 1,
      is_default: 0,
      available: 0,
      execution_config: '{}',
      distributions: '{}',
      meta: '{}',
      version_major: null,
      retired_at: null
    })
  })

  it('rejects a duplicate (runtime, version) but allows the same version under another runtime', () => {
    const python = insertRuntime('core.python')
    const other = insertRuntime('mypack.python')
    insertVersion(python, '3.12')
    expect(() => insertVersion(python, '3.12')).toThrow(/UNIQUE constraint failed: runtime_version\.runtime, runtime_version\.version/)
    expect(() => insertVersion(other, '3.12')).not.toThrow()
    expect(() => insertVersion(python, '3.12.0')).not.toThrow()
  })

  it('rejects a version whose runtime does not exist (foreign key)', () => {
    expect(() => insertVersion(999, '3.12')).toThrow(/FOREIGN KEY constraint failed/)
  })

  it('deletes a runtime’s versions with it (ON DELETE CASCADE)', () => {
    const python = insertRuntime('core.python')
    const node = insertRuntime('core.nodejs')
    insertVersion(python, '3.11')
    insertVersion(python, '3.12')
    insertVersion(node, '20')
    db.prepare('DELETE FROM runtime WHERE id = ?').run(python)
    const left = db.prepare('SELECT runtime, version FROM runtime_version').all()
    expect(left).toEqual([{ runtime: node, version: '20' }])
  })

  it('indexes active versions by (runtime, version) with a partial index', () => {
    const index = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'runtime_version_active'").get() as
      | { sql: string }
      | undefined
    expect(index?.sql).toMatch(/ON runtime_version \(runtime, version\) WHERE retired_at IS NULL/)
  })
})
