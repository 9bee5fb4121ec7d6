import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { VerificationDetail } from '../../../shared/domain/runtime'
import { extractVersionComponents } from '../versions'
import { openDatabaseSync, type Db } from './database'
import { RuntimeRepository } from './runtime-repository'
import { RuntimeVersionRepository, type RuntimeVersionInput, type VersionVerificationUpdate } from './runtime-version-repository'
import { createTempDir, type TempDir } from './test-support/temp-dir'

let temp: TempDir
let db: Db
let runtimes: RuntimeRepository
let versions: RuntimeVersionRepository
let python: number

function connect(): void {
  db = openDatabaseSync(temp.path('home.db'))
  runtimes = new RuntimeRepository(db)
  versions = new RuntimeVersionRepository(db)
}

function reopen(): void {
  db.close()
  connect()
}

function addRuntime(ref: string): number {
  return runtimes.upsert({
    ref,
    packRef: 'core',
    name: ref,
    description: null,
    aliases: [],
    distributions: {},
    installation: null,
    executionConfig: {},
    origin: 'catalog',
    sourceFile: null
  }).id
}

function version(text: string, overrides: Partial<RuntimeVersionInput> = {}): RuntimeVersionInput {
  return {
    version: text,
    ...extractVersionComponents(text),
    executionConfig: { interpreter: { binary: `python${text}` } },
    distributions: { verification: { commands: [{ binary: `python${text}`, args: ['--version'] }] } },
    isDefault: false,
    meta: {},
    ...overrides
  }
}

function byVersion(runtimeId: number, text: string) {
  const found = versions.listByRuntime(runtimeId).find((v) => v.version === text)
  if (!found) throw new Error(`no active version ${text}`)
  return found
}

const detail: VerificationDetail = { command: 'python3.12 --version', exitCode: 0, matched: true, output: 'Python 3.12.1', attempts: [] }
const passed: VersionVerificationUpdate = {
  available: true,
  interpreter: '/usr/bin/python3.12',
  source: 'path',
  sourceDetail: 'found on PATH',
  verification: detail,
  reason: null
}

beforeEach(() => {
  temp = createTempDir()
  connect()
  python = addRuntime('core.python')
})
afterEach(() => {
  if (db.open) db.close()
  temp.dispose()
})

describe('RuntimeVersionRepository.upsert', () => {
  it('inserts a new version unavailable, unverified and enabled, with everything it was given', () => {
    versions.upsert(python, 'core.python', version('3.12', { isDefault: true, meta: { eol: '2028-10' } }))
    expect(versions.listByRuntime(python)).toEqual([
      {
        id: expect.any(Number),
        runtimeId: python,
        runtimeRef: 'core.python',
        version: '3.12',
        major: 3,
        minor: 12,
        patch: null,
        executionConfig: { interpreter: { binary: 'python3.12' } },
        distributions: { verification: { commands: [{ binary: 'python3.12', args: ['--version'] }] } },
        isDefault: true,
        available: false,
        verifiedAt: null,
        meta: { eol: '2028-10' },
        enabled: true,
        interpreter: null,
        source: null,
        sourceDetail: null,
        verification: null,
        reason: null
      }
    ])
  })

  it('on update keeps available, verified_at, the verification outcome and enabled; takes the new definition', () => {
    versions.upsert(python, 'core.python', version('3.12'))
    const { id } = byVersion(python, '3.12')
    versions.setVerification(id, passed)
    versions.setEnabled(id, false)
    const verifiedAt = byVersion(python, '3.12').verifiedAt
    expect(verifiedAt).not.toBeNull()

    versions.upsert(python, 'core.python', version('3.12', { isDefault: true, meta: { new: true }, executionConfig: {} }))
    const after = byVersion(python, '3.12')
    expect(after).toMatchObject({
      id,
      available: true,
      verifiedAt,
      enabled: false,
      interpreter: '/usr/bin/python3.12',
      source: 'path',
      sourceDetail: 'found on PATH',
      verification: detail,
      isDefault: true,
      meta: { new: true },
      executionConfig: {}
    })
    expect(db.prepare('SELECT count(*) AS n FROM runtime_version').get()).toEqual({ n: 1 })
  })

  it('keeps the same version text apart per runtime', () => {
    const other = addRuntime('mypack.python')
    versions.upsert(python, 'core.python', version('3.12'))
    versions.upsert(other, 'mypack.python', version('3.12'))
    versions.setVerification(byVersion(python, '3.12').id, passed)
    expect(byVersion(python, '3.12').available).toBe(true)
    expect(byVersion(other, '3.12').available).toBe(false)
  })
})

describe('RuntimeVersionRepository.retireMissing', () => {
  it('retires (does not delete) versions not kept, and upsert reactivates them with their state', () => {
    for (const text of ['3.11', '3.12', '3.13']) versions.upsert(python, 'core.python', version(text))
    const old = byVersion(python, '3.11')
    versions.setVerification(old.id, { ...passed, interpreter: '/usr/bin/python3.11' })
    versions.setEnabled(old.id, false)

    expect(versions.retireMissing(python, ['3.12', '3.13'])).toBe(1)
    expect(versions.listByRuntime(python).map((v) => v.version)).toEqual(['3.13', '3.12'])
    expect(versions.listAll().map((v) => v.version)).toEqual(['3.12', '3.13'])
    const row = db.prepare('SELECT retired_at FROM runtime_version WHERE id = ?').get(old.id) as { retired_at: string | null }
    expect(row.retired_at).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(versions.findById(old.id)?.version).toBe('3.11')
    expect(versions.retireMissing(python, ['3.12', '3.13'])).toBe(0)

    versions.upsert(python, 'core.python', version('3.11'))
    const back = byVersion(python, '3.11')
    expect(back).toMatchObject({ id: old.id, available: true, enabled: false, interpreter: '/usr/bin/python3.11' })
    expect(versions.listByRuntime(python).map((v) => v.version)).toEqual(['3.13', '3.12', '3.11'])
  })

  it('only touches the given runtime', () => {
    const node = addRuntime('core.nodejs')
    versions.upsert(python, 'core.python', version('3.12'))
    versions.upsert(node, 'core.nodejs', version('20'))
    expect(versions.retireMissing(python, [])).toBe(1)
    expect(versions.listAll().map((v) => `${v.runtimeRef}@${v.version}`)).toEqual(['core.nodejs@20'])
  })

  it('hides the versions of a retired runtime', () => {
    versions.upsert(python, 'core.python', version('3.12'))
    runtimes.retireMissing({ origin: 'catalog' }, [])
    expect(versions.listByRuntime(python)).toEqual([])
    expect(versions.listAll()).toEqual([])
  })
})

describe('RuntimeVersionRepository ordering', () => {
  it('lists by runtime major, minor, patch DESC with NULLS LAST (spec §1.2)', () => {
    for (const text of ['3', '3.12', '3.13', '3.12.0', '3.9.18']) versions.upsert(python, 'core.python', version(text))
    expect(versions.listByRuntime(python).map((v) => v.version)).toEqual(['3.13', '3.12.0', '3.12', '3.9.18', '3'])
  })

  it('puts a version whose components do not parse last, then insertion order on ties', () => {
    for (const text of ['latest', '20', 'v20']) versions.upsert(python, 'core.python', version(text))
    expect(versions.listByRuntime(python).map((v) => [v.version, v.major, v.minor, v.patch])).toEqual([
      ['20', 20, null, null],
      ['v20', 20, null, null],
      ['latest', null, null, null]
    ])
  })

  it('lists all versions by runtime ref then version text', () => {
    const node = addRuntime('core.nodejs')
    versions.upsert(python, 'core.python', version('3.13'))
    versions.upsert(python, 'core.python', version('3.11'))
    versions.upsert(node, 'core.nodejs', version('22'))
    versions.upsert(node, 'core.nodejs', version('18'))
    expect(versions.listAll().map((v) => `${v.runtimeRef}@${v.version}`)).toEqual([
      'core.nodejs@18',
      'core.nodejs@22',
      'core.python@3.11',
      'core.python@3.13'
    ])
  })
})

describe('RuntimeVersionRepository.setVerification and setEnabled', () => {
  it('setVerification writes the outcome and never touches enabled', () => {
    versions.upsert(python, 'core.python', version('3.12'))
    const { id } = byVersion(python, '3.12')
    versions.setEnabled(id, false)
    versions.setVerification(id, passed)
    expect(versions.findById(id)).toMatchObject({ enabled: false, available: true, interpreter: '/usr/bin/python3.12', verification: detail })
    versions.setEnabled(id, true)
    versions.setVerification(id, { available: false, interpreter: null, source: null, sourceDetail: null, verification: null, reason: 'not found' })
    expect(versions.findById(id)).toMatchObject({ enabled: true, available: false, interpreter: null, reason: 'not found', verification: null })
  })

  it('setVerification stamps verified_at on each run', async () => {
    versions.upsert(python, 'core.python', version('3.12'))
    const { id } = byVersion(python, '3.12')
    versions.setVerification(id, passed)
    const first = versions.findById(id)?.verifiedAt
    await new Promise((resolve) => setTimeout(resolve, 5))
    versions.setVerification(id, passed)
    const second = versions.findById(id)?.verifiedAt
    expect(first).toMatch(/Z$/)
    expect(second && first && second > first).toBe(true)
  })

  it('setEnabled persists across close and reopen, and only for that version', () => {
    versions.upsert(python, 'core.python', version('3.11'))
    versions.upsert(python, 'core.python', version('3.12'))
    versions.setEnabled(byVersion(python, '3.11').id, false)
    reopen()
    expect(versions.listByRuntime(python).map((v) => [v.version, v.enabled])).toEqual([
      ['3.12', true],
      ['3.11', false]
    ])
  })

  it('findById returns null for an unknown id', () => {
    expect(versions.findById(12345)).toBeNull()
  })
})
