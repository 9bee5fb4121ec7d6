import { describe, expect, it } from 'vitest'
import type { RunOptions } from '../../../shared/domain/execution'
import { WorkbenchError } from '../errors'
import type { RuntimeRecord } from '../store/runtime-repository'
import type { RuntimeVersionRecord } from '../store/runtime-version-repository'
import { resolveRunVersion } from './executor-resolution'

const python: RuntimeRecord = {
  id: 1,
  ref: 'core.python',
  packRef: 'core',
  name: 'Python',
  description: null,
  aliases: ['python', 'python3'],
  distributions: {},
  installation: null,
  executionConfig: { interpreter: { binary: 'python3', args: ['-u'], file_extension: '.py' } },
  origin: 'catalog',
  sourceFile: null,
  available: true,
  verifiedAt: null,
  verification: null,
  reason: null
}

let nextId = 1
function row(version: string, fields: Partial<RuntimeVersionRecord> = {}): RuntimeVersionRecord {
  const [major, minor, patch] = version.split('.').map((part) => Number(part))
  return {
    id: nextId++,
    runtimeId: 1,
    runtimeRef: 'core.python',
    version,
    major: major ?? null,
    minor: minor ?? null,
    patch: patch ?? null,
    executionConfig: { interpreter: { binary: `python${version}`, args: ['-u'], file_extension: '.py' } },
    distributions: {},
    isDefault: false,
    available: true,
    verifiedAt: null,
    meta: {},
    enabled: true,
    interpreter: null,
    source: null,
    sourceDetail: null,
    verification: null,
    reason: null,
    ...fields
  }
}

/** The machine of the issue: 3.11–3.13 available and enabled, 3.12 the catalog default; listed out of order. */
function machine(overrides: Record<string, Partial<RuntimeVersionRecord>> = {}): RuntimeVersionRecord[] {
  return [row('3.11', overrides['3.11']), row('3.13', overrides['3.13']), row('3.12', { isDefault: true, ...overrides['3.12'] })]
}

function resolve(rows: readonly RuntimeVersionRecord[], constraint: string | null, options: RunOptions = {}) {
  return resolveRunVersion(python, rows, constraint, options)
}

function thrown(fn: () => unknown): WorkbenchError {
  try {
    fn()
  } catch (error) {
    if (error instanceof WorkbenchError) return error
    throw error
  }
  throw new Error('expected a WorkbenchError')
}

describe('resolveRunVersion: selection as the worker makes it (spec §2.3, §2.4)', () => {
  it('picks the default version when the action has no constraint', () => {
    const result = resolve(machine(), null)
    expect(result.selected?.version).toBe('3.12')
    expect(result.fallback).toBeNull()
    expect(result.resolution).toMatchObject({ runtime: 'core.python', constraint: null, selected: '3.12', fallback: null, valid: true })
  })

  it('picks the highest matching version with a constraint, ignoring the default', () => {
    const result = resolve(machine(), '>=3.12')
    expect(result.selected?.version).toBe('3.13')
    expect(result.selected?.executionConfig.interpreter?.binary).toBe('python3.13')
    expect(result.resolution.normalized).toBe('>=3.12.0')
    // Candidates in the repository's order (newest first), whatever order the rows came in.
    expect(result.resolution.candidates.map((c) => [c.version, c.selected])).toEqual([
      ['3.13', true],
      ['3.12', false],
      ['3.11', false]
    ])
  })

  it('skips disabled and unavailable versions', () => {
    expect(resolve(machine({ '3.13': { enabled: false } }), '>=3.12').selected?.version).toBe('3.12')
    expect(resolve(machine({ '3.13': { available: false } }), '>=3.12').selected?.version).toBe('3.12')
    expect(resolve(machine({ '3.12': { enabled: false } }), null).selected?.version).toBe('3.13')
  })
})

describe('resolveRunVersion: the base-config fallback and its warning', () => {
  it('says so when no version matches the constraint', () => {
    const result = resolve(machine(), '>=3.14')
    expect(result.selected).toBeNull()
    expect(result.fallback).toBe("no available, enabled Python version satisfies '>=3.14'; like the worker, the run uses the base Python config")
    expect(result.resolution).toMatchObject({ selected: null, fallback: 'base', valid: true })
  })

  it('says so when the constraint is invalid, quoting the parse error', () => {
    const result = resolve(machine(), '>=v3.12')
    expect(result.selected).toBeNull()
    expect(result.fallback).toMatch(/^the constraint '>=v3\.12' is invalid \(.*Invalid version constraint.*\); like the worker, the run uses the base Python config$/)
    expect(result.resolution.valid).toBe(false)
  })

  it('says so when the runtime has no versions and the action has a constraint; says nothing without one', () => {
    expect(resolve([], '>=3.12').fallback).toBe("Python has no registered versions, so the constraint '>=3.12' cannot apply; like the worker, the run uses the base Python config")
    const plain = resolve([], null)
    expect(plain).toMatchObject({ selected: null, fallback: null })
  })

  it('says so when every version is disabled, with or without a constraint', () => {
    const off = machine({ '3.11': { enabled: false }, '3.12': { enabled: false }, '3.13': { enabled: false } })
    expect(resolve(off, null).fallback).toBe('no Python version is available and enabled; like the worker, the run uses the base Python config')
    expect(resolve(off, '>=3.11').fallback).toBe("no available, enabled Python version satisfies '>=3.11'; like the worker, the run uses the base Python config")
  })
})

describe('resolveRunVersion: strict mode', () => {
  it('turns every fallback into an environment error that says why, without promising the base config', () => {
    const off = machine({ '3.11': { enabled: false }, '3.12': { enabled: false }, '3.13': { enabled: false } })
    const cases: [RuntimeVersionRecord[], string | null, string][] = [
      [machine(), '>=3.14', "strict mode: no available, enabled Python version satisfies '>=3.14'"],
      [machine(), '>=v3', "strict mode: the constraint '>=v3' is invalid"],
      [[], '>=3.12', "strict mode: Python has no registered versions, so the constraint '>=3.12' cannot apply"],
      [off, null, 'strict mode: no Python version is available and enabled']
    ]
    for (const [rows, constraint, message] of cases) {
      const error = thrown(() => resolve(rows, constraint, { strict: true }))
      expect(error.kind).toBe('environment')
      expect(error.message.startsWith(message), error.message).toBe(true)
      expect(error.message).not.toContain('base')
    }
  })

  it('changes nothing when a version is selected, or when there is nothing to select and nothing was asked', () => {
    expect(resolve(machine(), '>=3.12', { strict: true }).selected?.version).toBe('3.13')
    expect(resolve([], null, { strict: true })).toMatchObject({ selected: null, fallback: null })
  })
})

describe('resolveRunVersion: --version pins', () => {
  it('runs the pinned version when it satisfies the constraint, and says it was pinned', () => {
    const result = resolve(machine(), '>=3.12', { version: ' 3.12 ' })
    expect(result.selected?.version).toBe('3.12')
    expect(result.fallback).toBeNull()
    expect(result.resolution.selected).toBe('3.12')
    expect(result.resolution.fallback).toBeNull()
    expect(result.resolution.decision).toBe('pinned to Python 3.12 by --version')
    const candidates = result.resolution.candidates
    expect(candidates.filter((c) => c.selected).map((c) => c.version)).toEqual(['3.12'])
    expect(candidates.find((c) => c.version === '3.12')?.reason).toBe('selected: pinned to Python 3.12 by --version')
    // The version selection would have picked is no longer called selected.
    expect(candidates.find((c) => c.version === '3.13')?.reason).toBe('not selected: the run is pinned to 3.12')
  })

  it('refuses an unknown version as bad input, listing the registered ones', () => {
    const error = thrown(() => resolve(machine(), null, { version: '3.9' }))
    expect(error.kind).toBe('bad-input')
    expect(error.message).toBe('--version 3.9: Python has no such version (registered: 3.13, 3.12, 3.11)')
    expect(thrown(() => resolve([], null, { version: '3.9' })).message).toContain('(registered: none)')
  })

  it('refuses an unavailable or disabled version as an environment problem', () => {
    const unavailable = thrown(() => resolve(machine({ '3.13': { available: false, reason: 'python3.13 is not on PATH' } }), null, { version: '3.13' }))
    expect(unavailable.kind).toBe('environment')
    expect(unavailable.message).toBe('--version 3.13: Python 3.13 is unavailable on this machine (python3.13 is not on PATH)')
    const disabled = thrown(() => resolve(machine({ '3.13': { enabled: false } }), null, { version: '3.13', force: true }))
    expect(disabled.kind).toBe('environment')
    expect(disabled.message).toBe('--version 3.13: Python 3.13 is disabled; enable it first (runtimes enable core.python 3.13)')
  })

  it('refuses a version outside the constraint as bad input unless forced', () => {
    const error = thrown(() => resolve(machine(), '>=3.12', { version: '3.11' }))
    expect(error.kind).toBe('bad-input')
    expect(error.message).toBe("--version 3.11 does not satisfy the action's constraint '>=3.12' (add --force to run it anyway)")

    const forced = resolve(machine(), '>=3.12', { version: '3.11', force: true })
    expect(forced.selected?.version).toBe('3.11')
    expect(forced.fallback).toBeNull()
    expect(forced.resolution.decision).toBe("pinned to Python 3.11 by --version (forced: outside '>=3.12')")
  })

  it('treats an invalid constraint as not satisfied by the pin, and lets --force through', () => {
    expect(thrown(() => resolve(machine(), '>=v3', { version: '3.12' })).kind).toBe('bad-input')
    expect(resolve(machine(), '>=v3', { version: '3.12', force: true }).selected?.version).toBe('3.12')
  })

  it('pins without a constraint and ignores strict (the pin is an explicit choice)', () => {
    const result = resolve(machine(), null, { version: '3.11', strict: true })
    expect(result.selected?.version).toBe('3.11')
    expect(result.resolution.decision).toBe('pinned to Python 3.11 by --version')
  })
})
