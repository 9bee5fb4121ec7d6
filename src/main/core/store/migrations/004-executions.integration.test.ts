import type Database from 'better-sqlite3'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Resolution } from '../../../../shared/domain/runtime'
import { ExecutionRepository, type NewExecution } from '../execution-repository'
import { migrate } from '../migrate'
import { useFreshDatabase } from '../test-support/fresh-database'

const freshDatabase = useFreshDatabase({ foreignKeys: false })
let db: Database.Database
beforeEach(() => {
  db = freshDatabase()
})

const resolution: Resolution = {
  runtime: 'core.python',
  constraint: '>=3.12',
  normalized: '>=3.12.0',
  valid: true,
  error: null,
  selected: '3.13',
  fallback: null,
  decision: 'Selected 3.13: the highest usable version matching >=3.12.0.',
  candidates: [{ version: '3.13', available: true, enabled: true, isDefault: false, matches: true, selected: true, reason: 'selected' }]
}

function newRun(overrides: Partial<NewExecution> = {}): NewExecution {
  return {
    actionRef: 'demo.hello',
    packRef: 'demo',
    parameters: { name: 'Ada', token: '***' },
    options: { strict: false, version: null },
    runtimeRef: 'core.python',
    constraint: '>=3.12',
    selectedVersion: '3.13',
    resolution,
    fallback: null,
    warnings: [],
    matrixId: null,
    rerunOf: null,
    ...overrides
  }
}

const names = (type: string): string[] =>
  (db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as { name: string }[]).map((row) => row.name)

describe('migration 004-executions on a fresh database', () => {
  it('is applied after 003 and creates the execution and matrix_run tables with their indexes', () => {
    expect(migrate(db, 3)).toBe(3)
    expect(names('table')).not.toContain('execution')
    expect(migrate(db, 4)).toBe(4)
    expect(names('table')).toEqual(expect.arrayContaining(['execution', 'matrix_run']))
    expect(names('index')).toEqual(expect.arrayContaining(['execution_action', 'execution_status', 'execution_matrix']))
    const columns = (db.prepare("SELECT name FROM pragma_table_info('execution')").all() as { name: string }[]).map((row) => row.name)
    expect(columns).toEqual(
      expect.arrayContaining(['status', 'parameters', 'selected_version', 'resolution', 'interpreter', 'env_dir', 'deps_hash', 'exit_code', 'matrix_id', 'rerun_of', 'started_at', 'finished_at'])
    )
  })

  it('accepts exactly the statuses DESIGN.md lists', () => {
    migrate(db, 4)
    const insert = db.prepare("INSERT INTO execution (action_ref, pack_ref, status) VALUES ('demo.a', 'demo', ?)")
    for (const status of ['requested', 'running', 'completed', 'failed', 'timeout', 'cancelled', 'abandoned']) insert.run(status)
    expect(() => insert.run('canceling')).toThrow(/CHECK/)
    expect(() => insert.run('done')).toThrow(/CHECK/)
    const row = db.prepare("SELECT parameters, options, warnings, stdout_parsed, created_at FROM execution WHERE status = 'requested'").get()
    expect(row).toEqual({ parameters: '{}', options: '{}', warnings: '[]', stdout_parsed: 0, created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) })
  })

  it('uses its indexes for the history queries', () => {
    migrate(db, 4)
    const plan = (sql: string): string => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join('\n')
    expect(plan("SELECT * FROM execution WHERE action_ref = 'demo.a' ORDER BY id DESC")).toContain('execution_action')
    expect(plan("SELECT * FROM execution WHERE status = 'running' ORDER BY id DESC")).toContain('execution_status')
    expect(plan('SELECT * FROM execution WHERE matrix_id = 1')).toContain('execution_matrix')
  })

  it('keeps a run when its matrix row is deleted (matrix_id set to null)', () => {
    migrate(db, 4)
    const repo = new ExecutionRepository(db)
    const matrix = repo.createMatrix('demo.hello', {}, [])
    const run = repo.create(newRun({ matrixId: matrix }))
    db.prepare('DELETE FROM matrix_run WHERE id = ?').run(matrix)
    expect(repo.get(run.id)?.matrixId).toBeNull()
  })
})

describe('ExecutionRepository', () => {
  let repo: ExecutionRepository
  beforeEach(() => {
    migrate(db)
    repo = new ExecutionRepository(db)
  })

  it('creates a requested run with its decisions and round-trips the JSON columns', () => {
    const created = repo.create(newRun({ warnings: ['w1'] }))
    expect(created).toMatchObject({
      actionRef: 'demo.hello',
      packRef: 'demo',
      status: 'requested',
      parameters: { name: 'Ada', token: '***' },
      options: { strict: false, version: null },
      runtimeRef: 'core.python',
      constraint: '>=3.12',
      selectedVersion: '3.13',
      resolution,
      warnings: ['w1'],
      interpreter: null,
      envDir: null,
      exitCode: null,
      result: null,
      stdoutParsed: false,
      startedAt: null,
      finishedAt: null
    })
    expect(created.createdAt).toMatch(/Z$/)
    expect(repo.get(created.id)).toEqual(created)
    expect(repo.get(created.id + 100)).toBeNull()
  })

  it('records the start (fingerprint) and the end of a run', () => {
    const { id } = repo.create(newRun())
    repo.markRunning(id, { interpreter: '/envs/demo/python-3.13/bin/python3.13', envDir: '/envs/demo/python-3.13', depsHash: 'abc', warnings: ['slow disk'], fallback: null })
    const running = repo.get(id)
    expect(running).toMatchObject({ status: 'running', interpreter: '/envs/demo/python-3.13/bin/python3.13', envDir: '/envs/demo/python-3.13', depsHash: 'abc', warnings: ['slow disk'] })
    expect(running?.startedAt).not.toBeNull()

    repo.finish(id, { status: 'completed', exitCode: 0, result: { ok: [1, 2] }, stdoutParsed: true, stdoutTruncated: false, stderrTruncated: true, error: null, durationMs: 42 })
    const done = repo.get(id)
    expect(done).toMatchObject({
      status: 'completed',
      exitCode: 0,
      result: { ok: [1, 2] },
      stdoutParsed: true,
      stderrTruncated: true,
      durationMs: 42,
      // Not given at the end: what the start recorded stays.
      interpreter: '/envs/demo/python-3.13/bin/python3.13',
      envDir: '/envs/demo/python-3.13',
      warnings: ['slow disk']
    })
    expect(done?.finishedAt).not.toBeNull()
  })

  it('lets the end override the interpreter, fallback and warnings, and stores a null result as null', () => {
    const { id } = repo.create(newRun())
    repo.markRunning(id, { interpreter: '/a', envDir: '/e', depsHash: null, warnings: [], fallback: null })
    repo.finish(id, { status: 'failed', exitCode: 2, result: null, stdoutParsed: false, stdoutTruncated: false, stderrTruncated: false, error: 'boom', durationMs: 5, interpreter: '/b', fallback: 'base ran', warnings: ['x'] })
    expect(repo.get(id)).toMatchObject({ status: 'failed', exitCode: 2, result: null, error: 'boom', interpreter: '/b', fallback: 'base ran', warnings: ['x'], envDir: '/e' })
  })

  it('lets the end clear the env dir (a fallback that ran without one) and keeps it when the end leaves it out', () => {
    const end = { status: 'completed' as const, exitCode: 0, result: null, stdoutParsed: false, stdoutTruncated: false, stderrTruncated: false, error: null, durationMs: 1 }
    const cleared = repo.create(newRun()).id
    repo.markRunning(cleared, { interpreter: '/a', envDir: '/e', depsHash: null, warnings: [], fallback: 'f' })
    repo.finish(cleared, { ...end, envDir: null, interpreter: null, fallback: null })
    expect(repo.get(cleared)).toMatchObject({ envDir: null, interpreter: '/a', fallback: 'f' })
    const kept = repo.create(newRun()).id
    repo.markRunning(kept, { interpreter: '/a', envDir: '/e', depsHash: null, warnings: [], fallback: null })
    repo.finish(kept, end)
    expect(repo.get(kept)).toMatchObject({ envDir: '/e' })
  })

  it('lists newest first, filtered by action, status and matrix, with a limit and paging', () => {
    const ids: number[] = []
    for (let i = 0; i < 6; i++) ids.push(repo.create(newRun({ actionRef: i % 2 === 0 ? 'demo.even' : 'demo.odd' })).id)
    repo.finish(ids[0] as number, { status: 'completed', exitCode: 0, result: null, stdoutParsed: false, stdoutTruncated: false, stderrTruncated: false, error: null, durationMs: 1 })
    repo.finish(ids[3] as number, { status: 'failed', exitCode: 1, result: null, stdoutParsed: false, stdoutTruncated: false, stderrTruncated: false, error: 'x', durationMs: 1 })

    expect(repo.list().map((r) => r.id)).toEqual([...ids].reverse())
    expect(repo.list({ action: 'demo.even' }).map((r) => r.id)).toEqual([ids[4], ids[2], ids[0]])
    expect(repo.list({ status: 'failed' }).map((r) => r.id)).toEqual([ids[3]])
    expect(repo.list({ action: 'demo.even', status: 'completed' }).map((r) => r.id)).toEqual([ids[0]])
    expect(repo.list({ limit: 2 }).map((r) => r.id)).toEqual([ids[5], ids[4]])
    expect(repo.list({ limit: 2, before: ids[4] }).map((r) => r.id)).toEqual([ids[3], ids[2]])
    expect(repo.list({ action: 'demo.none' })).toEqual([])

    const matrix = repo.createMatrix('demo.even', {}, [])
    const inMatrix = repo.create(newRun({ matrixId: matrix }))
    expect(repo.list({ matrixId: matrix }).map((r) => r.id)).toEqual([inMatrix.id])
  })

  it('lists 50 runs by default', () => {
    for (let i = 0; i < 55; i++) repo.create(newRun())
    expect(repo.list()).toHaveLength(50)
  })

  it('abandons requested and running runs, returns their ids and leaves finished ones alone', () => {
    const requested = repo.create(newRun()).id
    const running = repo.create(newRun()).id
    const done = repo.create(newRun()).id
    repo.markRunning(running, { interpreter: null, envDir: null, depsHash: null, warnings: [], fallback: null })
    repo.finish(done, { status: 'completed', exitCode: 0, result: null, stdoutParsed: false, stdoutTruncated: false, stderrTruncated: false, error: null, durationMs: 1 })

    expect(repo.abandonUnfinished().sort((a, b) => a - b)).toEqual([requested, running])
    for (const id of [requested, running]) {
      const row = repo.get(id)
      expect(row).toMatchObject({ status: 'abandoned', error: 'The workbench stopped while this run was in progress.' })
      expect(row?.finishedAt).not.toBeNull()
    }
    expect(repo.get(done)?.status).toBe('completed')
    expect(repo.abandonUnfinished()).toEqual([])
  })

  it('stores matrix rows with their skipped versions', () => {
    const skipped = [{ version: '3.11', reason: "does not satisfy '>=3.12'" }]
    const id = repo.createMatrix('demo.hello', { name: 'Ada' }, skipped)
    expect(repo.getMatrix(id)).toEqual({ id, actionRef: 'demo.hello', skipped })
    repo.finishMatrix(id)
    expect(db.prepare('SELECT finished_at FROM matrix_run WHERE id = ?').get(id)).toEqual({ finished_at: expect.any(String) })
    expect(repo.getMatrix(id + 1)).toBeNull()
  })
})
