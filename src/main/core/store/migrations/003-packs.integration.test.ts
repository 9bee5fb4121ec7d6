import type Database from 'better-sqlite3'
import { beforeEach, describe, expect, it } from 'vitest'
import { migrate } from '../migrate'
import { PackRepository } from '../pack-repository'
import { SettingRepository } from '../setting-repository'
import { useFreshDatabase } from '../test-support/fresh-database'
import type { ActionDefinition } from '../../../../shared/domain/pack'

const freshDatabase = useFreshDatabase({ foreignKeys: false })
let db: Database.Database
beforeEach(() => {
  db = freshDatabase()
})

function action(ref: string, overrides: Partial<ActionDefinition> = {}): ActionDefinition {
  return {
    ref,
    name: ref.split('.')[1] ?? ref,
    label: null,
    description: null,
    file: `/packs/${ref}.yaml`,
    entryPoint: 'x.py',
    entryPath: '/packs/actions/x.py',
    runnerType: 'python',
    runtimeRef: 'core.python',
    runtimeVersion: '>=3.12',
    requiredWorkerRuntimes: {},
    parameters: {},
    output: null,
    parameterDelivery: 'stdin',
    parameterFormat: 'json',
    outputFormat: 'text',
    timeoutSeconds: null,
    enabled: true,
    ...overrides
  }
}

const packInput = { ref: 'demo', dir: '/work/demo', label: 'Demo', description: null, version: '1.0.0', problems: [], watchedFiles: ['/work/demo/pack.yaml'] }

describe('migration 003-packs on a fresh database', () => {
  it('is applied after 002 and brings user_version to 3', () => {
    expect(migrate(db, 2)).toBe(2)
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('pack', 'action')").get()).toEqual({ n: 0 })
    expect(migrate(db, 3)).toBe(3)
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('pack', 'action')").get()).toEqual({ n: 2 })
  })

  it('creates a key-value setting table', () => {
    migrate(db, 3)
    const settings = new SettingRepository(db)
    expect(settings.get('examples')).toBeNull()
    settings.set('examples', 'offered')
    settings.set('examples', 'declined')
    expect(settings.get('examples')).toBe('declined')
  })

  it('keeps pack refs and dirs unique and lower-case', () => {
    migrate(db, 3)
    const insert = db.prepare('INSERT INTO pack (ref, dir) VALUES (?, ?)')
    insert.run('demo', '/a')
    expect(() => insert.run('demo', '/b')).toThrow(/UNIQUE/)
    expect(() => insert.run('other', '/a')).toThrow(/UNIQUE/)
    expect(() => insert.run('Upper', '/c')).toThrow(/CHECK/)
  })

  it('deletes a pack’s actions with it', () => {
    // The repository writes the columns of every migration (006 added pack.components); the cascade is 003's.
    migrate(db)
    const repo = new PackRepository(db)
    const pack = repo.upsert(packInput)
    repo.replaceActions(pack.id, [action('demo.a'), action('demo.b')])
    repo.delete(pack.id)
    expect(db.prepare('SELECT count(*) AS n FROM action').get()).toEqual({ n: 0 })
  })
})

describe('PackRepository', () => {
  it('round-trips a pack and its problems and watched files', () => {
    migrate(db)
    const repo = new PackRepository(db)
    const problem = { file: '/work/demo/actions/x.yaml', field: 'runner_type', line: 3, severity: 'error' as const, message: 'unknown' }
    repo.upsert({ ...packInput, problems: [problem] })
    const loaded = repo.findByRef('demo')
    expect(loaded).toMatchObject({ ref: 'demo', dir: '/work/demo', label: 'Demo', version: '1.0.0', problems: [problem], watchedFiles: ['/work/demo/pack.yaml'] })
    expect(repo.findByDir('/work/demo')?.ref).toBe('demo')
    expect(loaded?.loadedAt).not.toBeNull()
  })

  it('retires actions missing from a reload and reactivates them when they return', () => {
    migrate(db)
    const repo = new PackRepository(db)
    const pack = repo.upsert(packInput)
    repo.replaceActions(pack.id, [action('demo.a'), action('demo.b')])
    repo.replaceActions(pack.id, [action('demo.a', { runtimeVersion: '>=3.13' })])
    expect(repo.listActions(pack.id).map((a) => a.ref)).toEqual(['demo.a'])
    expect(repo.findAction('demo.b')).toBeNull()
    expect(repo.findAction('demo.a')?.runtimeVersion).toBe('>=3.13')
    expect(db.prepare('SELECT count(*) AS n FROM action').get()).toEqual({ n: 2 })
    repo.replaceActions(pack.id, [action('demo.a'), action('demo.b')])
    expect(repo.listActions().map((a) => a.ref)).toEqual(['demo.a', 'demo.b'])
  })
})
