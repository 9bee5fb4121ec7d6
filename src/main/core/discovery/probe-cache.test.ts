import { describe, it, expect } from 'vitest'
import type { FileIdentity } from './file-identity'
import { MemoryProbeCache, type ProbeOutcome } from './probe-cache'

const identity: FileIdentity = { realPath: '/opt/py/bin/python3.12', size: 100, mtimeMs: 1000, ino: 7 }
const outcome: ProbeOutcome = {
  exitCode: 0,
  stdout: 'Python 3.12.1\n',
  stderr: '',
  timedOut: false,
  spawnError: null,
  cached: false
}

describe('MemoryProbeCache', () => {
  it('returns what was stored for the same identity and arguments', () => {
    const cache = new MemoryProbeCache()
    cache.set(identity, ['--version'], outcome)
    expect(cache.get({ ...identity }, ['--version'])).toEqual(outcome)
    expect(cache.size).toBe(1)
  })

  it.each([
    ['realPath', { ...identity, realPath: '/opt/py/bin/python3.13' }, ['--version']],
    ['size', { ...identity, size: 101 }, ['--version']],
    ['mtimeMs', { ...identity, mtimeMs: 1001 }, ['--version']],
    ['ino', { ...identity, ino: 8 }, ['--version']],
    ['args', identity, ['-V']],
    ['args split differently', identity, ['--ver', 'sion']]
  ])('misses when %s differs', (_field, otherIdentity, args) => {
    const cache = new MemoryProbeCache()
    cache.set(identity, ['--version'], outcome)
    expect(cache.get(otherIdentity, args)).toBeUndefined()
  })
})
