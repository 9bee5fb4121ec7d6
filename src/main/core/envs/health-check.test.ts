import { describe, it, expect } from 'vitest'
import { healthProblem, summariseVersionOutput, type HealthProbe } from './health-check'

const probe = (change: Partial<HealthProbe>): HealthProbe => ({
  path: '/e/bin/python3',
  identity: null,
  exitCode: 0,
  spawnError: null,
  version: '3.12.4',
  firstLine: 'Python 3.12.4',
  ...change
})

describe('summariseVersionOutput', () => {
  it.each([
    ['Python 3.12.4\n', '3.12.4', 'Python 3.12.4'],
    ['\nv20.11.1\n', '20.11.1', 'v20.11.1'],
    ['warning: x\nPython 3.13.0rc1\n', '3.13.0-rc.1', 'warning: x'],
    ['garbage', null, 'garbage']
  ])('%j → %s', (output, version, firstLine) => {
    expect(summariseVersionOutput(output)).toEqual({ version, firstLine })
  })
})

describe('healthProblem', () => {
  it.each<[Partial<HealthProbe>, string | null, string | null]>([
    [{}, '3.12', null],
    [{}, null, null],
    [{ version: '3.12.4' }, '3.12.4', null],
    [{ version: '3.11.2' }, '3.12', '/e/bin/python3 reports 3.11.2, expected 3.12'],
    [{ version: '20.11.1' }, '20', null],
    [{ version: null, firstLine: 'odd' }, '3.12', '/e/bin/python3 --version printed no version ("odd"), expected 3.12'],
    [{ exitCode: 127, firstLine: 'error while loading shared libraries' }, '3.12', '/e/bin/python3 --version exited 127: error while loading shared libraries'],
    [{ exitCode: -1, spawnError: 'not found' }, null, '/e/bin/python3 does not run (not found)']
  ])('%j expecting %s', (change, expected, problem) => {
    expect(healthProblem(probe(change), expected)).toBe(problem)
  })
})
