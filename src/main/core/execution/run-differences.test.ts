import { describe, expect, it } from 'vitest'
import { runDifferences } from './run-differences'

const onPath = { interpreter: '/usr/bin/python3.12', source: 'path' as const, binary: 'python3.12' }

describe('runDifferences (README "Where the workbench differs from a worker")', () => {
  it('says nothing for a run as a worker makes it', () => {
    expect(runDifferences({ options: {}, selected: onPath, envRebuiltFrom: undefined })).toBeNull()
    expect(runDifferences({ options: {}, selected: null, envRebuiltFrom: 'missing' })).toBeNull()
  })

  it('names a stand-in interpreter from a version manager', () => {
    const pyenv = { interpreter: '/home/u/.pyenv/versions/3.12.4/bin/python3.12', source: 'pyenv' as const, binary: 'python3.12' }
    expect(runDifferences({ options: {}, selected: pyenv, envRebuiltFrom: undefined })).toBe(
      "differs from a worker: /home/u/.pyenv/versions/3.12.4/bin/python3.12 from pyenv stands in for 'python3.12'"
    )
  })

  it('joins strict mode, a pin and a stale env rebuilt before the run into one line', () => {
    expect(runDifferences({ options: { strict: true, version: '3.12', force: true }, selected: onPath, envRebuiltFrom: 'stale' })).toBe(
      'differs from a worker: strict mode (no fallback to the base config); version pinned to 3.12 (forced); the stale env was rebuilt before the run'
    )
  })
})
