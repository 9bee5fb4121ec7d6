import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { VerificationDetail } from '../../../shared/domain/runtime'
import { openDatabaseSync, type Db } from './database'
import { RuntimeRepository, type RuntimeInput } from './runtime-repository'
import { createTempDir, type TempDir } from './test-support/temp-dir'

let temp: TempDir
let db: Db
let repo: RuntimeRepository

function reopen(): void {
  db.close()
  db = openDatabaseSync(temp.path('home.db'))
  repo = new RuntimeRepository(db)
}

beforeEach(() => {
  temp = createTempDir()
  db = openDatabaseSync(temp.path('home.db'))
  repo = new RuntimeRepository(db)
})
afterEach(() => {
  if (db.open) db.close()
  temp.dispose()
})

function input(ref: string, overrides: Partial<RuntimeInput> = {}): RuntimeInput {
  return {
    ref,
    packRef: 'core',
    name: ref.split('.').pop() ?? ref,
    description: `${ref} runtime`,
    aliases: [ref.split('.').pop() ?? ref],
    distributions: { verification: { commands: [{ binary: 'python3', args: ['--version'] }] } },
    installation: { portable: true },
    executionConfig: { interpreter: { binary: 'python3', args: ['-u'], file_extension: '.py' } },
    origin: 'catalog',
    sourceFile: `/catalog/${ref}.yaml`,
    ...overrides
  }
}

const detail: VerificationDetail = {
  command: 'python3 --version',
  exitCode: 0,
  matched: true,
  output: 'Python 3.12.1',
  attempts: [{ command: 'python3 --version', exitCode: 0, matched: true, outcome: 'passed', cached: false }]
}

describe('RuntimeRepository.upsert', () => {
  it('inserts a runtime and returns it with its JSON columns parsed, unavailable and unverified', () => {
    const record = repo.upsert(input('core.python'))
    expect(record).toEqual({
      id: expect.any(Number),
      ref: 'core.python',
      packRef: 'core',
      name: 'python',
      description: 'core.python runtime',
      aliases: ['python'],
      distributions: { verification: { commands: [{ binary: 'python3', args: ['--version'] }] } },
      installation: { portable: true },
      executionConfig: { interpreter: { binary: 'python3', args: ['-u'], file_extension: '.py' } },
      origin: 'catalog',
      sourceFile: '/catalog/core.python.yaml',
      available: false,
      verifiedAt: null,
      verification: null,
      reason: null
    })
  })

  it('stores a null installation as null, not as "null" text', () => {
    const record = repo.upsert(input('core.native', { installation: null, executionConfig: {} }))
    expect(record.installation).toBeNull()
    expect(db.prepare("SELECT installation FROM runtime WHERE ref = 'core.native'").get()).toEqual({ installation: null })
  })

  it('updates by ref in place: same id, new definition, verification state kept', () => {
    const first = repo.upsert(input('core.python'))
    repo.setVerification(first.id, { available: true, verification: detail, reason: null })
    const verified = repo.findByRef('core.python')
    const second = repo.upsert(input('core.python', { name: 'Python', aliases: ['python', 'python3'], description: null }))
    expect(second.id).toBe(first.id)
    expect(second).toMatchObject({ name: 'Python', aliases: ['python', 'python3'], description: null })
    expect(second.available).toBe(true)
    expect(second.verifiedAt).toBe(verified?.verifiedAt)
    expect(second.verification).toEqual(detail)
    expect(db.prepare('SELECT count(*) AS n FROM runtime').get()).toEqual({ n: 1 })
  })

  it('rejects a ref that is not lower-case (the CHECK constraint)', () => {
    expect(() => repo.upsert(input('Core.Python'))).toThrow(/CHECK constraint failed/)
  })

  it('bumps updated on update but not created', async () => {
    repo.upsert(input('core.python'))
    const before = db.prepare("SELECT created, updated FROM runtime WHERE ref = 'core.python'").get() as { created: string; updated: string }
    await new Promise((resolve) => setTimeout(resolve, 5))
    repo.upsert(input('core.python', { name: 'Python' }))
    const after = db.prepare("SELECT created, updated FROM runtime WHERE ref = 'core.python'").get() as { created: string; updated: string }
    expect(after.created).toBe(before.created)
    expect(after.updated > before.updated).toBe(true)
  })
})

describe('RuntimeRepository reads', () => {
  it('lists active runtimes ordered by ref', () => {
    repo.upsert(input('core.shell'))
    repo.upsert(input('core.nodejs'))
    repo.upsert(input('core.python'))
    expect(repo.list().map((r) => r.ref)).toEqual(['core.nodejs', 'core.python', 'core.shell'])
  })

  it('finds by ref, null when unknown', () => {
    repo.upsert(input('core.python'))
    expect(repo.findByRef('core.python')?.ref).toBe('core.python')
    expect(repo.findByRef('core.ruby')).toBeNull()
  })

  it('falls back for hand-written JSON columns that do not parse', () => {
    const { id } = repo.upsert(input('core.python'))
    db.prepare("UPDATE runtime SET aliases = 'not json', distributions = '{', execution_config = '' WHERE id = ?").run(id)
    // Written behind the engine's back, as a hand edit while no engine runs: read by the next engine to open it.
    const record = new RuntimeRepository(db).findByRef('core.python')
    expect(record).toMatchObject({ aliases: [], distributions: {}, executionConfig: {} })
  })
})

describe('RuntimeRepository.retireMissing', () => {
  it('retires catalog runtimes not kept, without deleting them, and leaves pack runtimes alone', () => {
    repo.upsert(input('core.python'))
    repo.upsert(input('core.ruby'))
    repo.upsert(input('mypack.python', { origin: 'pack', packRef: 'mypack' }))
    expect(repo.retireMissing({ origin: 'catalog' }, ['core.python'])).toBe(1)
    expect(repo.list().map((r) => r.ref)).toEqual(['core.python', 'mypack.python'])
    expect(repo.findByRef('core.ruby')).toBeNull()
    const row = db.prepare("SELECT retired_at FROM runtime WHERE ref = 'core.ruby'").get() as { retired_at: string | null }
    expect(row.retired_at).toMatch(/^\d{4}-\d\d-\d\dT/)
  })

  it('retires only the runtimes of the named pack', () => {
    repo.upsert(input('a.one', { origin: 'pack', packRef: 'a' }))
    repo.upsert(input('a.two', { origin: 'pack', packRef: 'a' }))
    repo.upsert(input('b.one', { origin: 'pack', packRef: 'b' }))
    repo.upsert(input('core.python'))
    expect(repo.retireMissing({ origin: 'pack', packRef: 'a' }, ['a.two'])).toBe(1)
    expect(repo.list().map((r) => r.ref)).toEqual(['a.two', 'b.one', 'core.python'])
  })

  it('does not count already-retired runtimes again', () => {
    repo.upsert(input('core.python'))
    expect(repo.retireMissing({ origin: 'catalog' }, [])).toBe(1)
    expect(repo.retireMissing({ origin: 'catalog' }, [])).toBe(0)
  })

  it('reactivates a retired runtime on upsert, same id, verification kept', () => {
    const { id } = repo.upsert(input('core.python'))
    repo.setVerification(id, { available: true, verification: detail, reason: null })
    repo.retireMissing({ origin: 'catalog' }, [])
    expect(repo.list()).toEqual([])
    const back = repo.upsert(input('core.python'))
    expect(back.id).toBe(id)
    expect(back.available).toBe(true)
    expect(repo.list().map((r) => r.ref)).toEqual(['core.python'])
    expect(db.prepare('SELECT retired_at FROM runtime WHERE id = ?').get(id)).toEqual({ retired_at: null })
  })
})

describe('RuntimeRepository.setVerification', () => {
  it('records availability, time, detail and reason, and persists them across reopen', () => {
    const { id } = repo.upsert(input('core.python'))
    repo.setVerification(id, { available: false, verification: detail, reason: 'python3 not found' })
    reopen()
    const record = repo.findByRef('core.python')
    expect(record).toMatchObject({ available: false, verification: detail, reason: 'python3 not found' })
    expect(record?.verifiedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    repo.setVerification(id, { available: true, verification: null, reason: null })
    expect(repo.findByRef('core.python')).toMatchObject({ available: true, verification: null, reason: null })
  })
})
