import { describe, expect, it } from 'vitest'
import { runtimeVersionMatchesWorker } from './worker-match'

describe('runtimeVersionMatchesWorker — spec §2.5 [newest]', () => {
  it.each([
    // spec §2.7
    ['3.12.9', '3.12.1', false],
    ['3.12.9', '3.12.9', true],
    ['3.12', '3.12.7', true],
    ['20', '20.11.1', true],
    ['20', '21.0.0', false],
    // the executor's older test pair, which the newer helper also satisfies
    ['3.12', '3.12.13', true],
    ['3.12', '3.13.0', false],
    // own
    ['20', '19.9.9', false],
    ['v20', '20.1.0', true],
    ['3.12', '3.11.9', false],
    ['3.12', '3.12.0-rc.1', true],
    ['3.12.0', '3.12.0-rc.1', false],
    ['3.12.0-rc.1', '3.12.0-rc.1', true],
    ['3.12.0', '3.12', true],
    ['3.12.0', 'v3.12.0', true],
    ['3.12.0', '3.12.0+build', false],
    ['3.12.1.7', '3.12.1', true],
    ['system', 'system', true],
    ['system', '3.12.0', false],
    ['3.12', 'unknown', false],
    ['3.12', '', false]
  ])('registered %j vs advertised %j → %s', (registered, advertised, expected) => {
    expect(runtimeVersionMatchesWorker(registered, advertised)).toBe(expected)
  })
})
