import { describe, expect, it } from 'vitest'
import { parseBuildInputs, sameBuildInputs, type BuildInputs } from './build-inputs'

const IDENTITY = { realPath: '/usr/bin/python3.12', size: 10, mtimeMs: 1, ino: 2 }
const INPUTS: BuildInputs = { manifestSha256: 'a'.repeat(64), configHash: 'cfg', interpreter: { path: '/usr/bin/python3.12', identity: IDENTITY } }

describe('sameBuildInputs', () => {
  it.each<[string, BuildInputs | null | undefined, boolean]>([
    ['identical', INPUTS, true],
    ['no record (older failure file)', undefined, false],
    ['manifest changed', { ...INPUTS, manifestSha256: 'b'.repeat(64) }, false],
    ['manifest removed', { ...INPUTS, manifestSha256: null }, false],
    ['config changed', { ...INPUTS, configHash: 'other' }, false],
    ['interpreter upgraded in place', { ...INPUTS, interpreter: { path: '/usr/bin/python3.12', identity: { ...IDENTITY, size: 11 } } }, false],
    ['interpreter was missing then', { ...INPUTS, interpreter: { path: '/usr/bin/python3.12', identity: null } }, false],
    ['another interpreter path', { ...INPUTS, interpreter: { path: '/opt/python3.12', identity: IDENTITY } }, false]
  ])('%s → %s', (_name, recorded, same) => {
    expect(sameBuildInputs(recorded, INPUTS)).toBe(same)
  })

  it('reads back only well-formed inputs', () => {
    expect(parseBuildInputs(JSON.parse(JSON.stringify(INPUTS)))).toEqual(INPUTS)
    expect(parseBuildInputs({ manifestSha256: 3, configHash: 'x', interpreter: null })).toBeNull()
    expect(parseBuildInputs({ manifestSha256: null, interpreter: null })).toBeNull()
    expect(parseBuildInputs('x')).toBeNull()
  })
})
