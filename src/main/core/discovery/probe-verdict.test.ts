import { describe, it, expect } from 'vitest'
import type { ProbeOutcome } from './probe-cache'
import { judgeVersionProbe } from './probe-verdict'

function outcome(fields: Partial<ProbeOutcome>): ProbeOutcome {
  return { exitCode: 0, stdout: '', stderr: '', timedOut: false, spawnError: null, cached: false, ...fields }
}

describe('judgeVersionProbe', () => {
  it('reads the version from stdout', () => {
    expect(judgeVersionProbe('python', outcome({ stdout: 'Python 3.12.4\n' }))).toEqual({ ok: true, version: '3.12.4' })
    expect(judgeVersionProbe('node', outcome({ stdout: 'v20.11.1\n' }))).toEqual({ ok: true, version: '20.11.1' })
  })

  it('reads a Python 2 version from stderr', () => {
    expect(judgeVersionProbe('python', outcome({ stderr: 'Python 2.7.18\n' }))).toEqual({ ok: true, version: '2.7.18' })
  })

  it.each([
    [outcome({ spawnError: 'not executable', exitCode: -1 }), 'could not be run (not executable)'],
    [outcome({ timedOut: true, exitCode: -1 }), 'did not answer "--version" in time and was stopped'],
    [outcome({ exitCode: -1 }), 'was killed by a signal while answering "--version"'],
    [
      outcome({ exitCode: 127, stderr: '\npyenv: python3.11: command not found\nmore\n' }),
      '"--version" failed with exit status 127: "pyenv: python3.11: command not found"'
    ],
    [outcome({ exitCode: 1 }), '"--version" failed with exit status 1'],
    [outcome({ stdout: 'hello\n' }), '"--version" printed no Python version (it printed "hello")'],
    [outcome({}), '"--version" printed no Python version (it printed nothing)']
  ])('explains %j', (probe, reason) => {
    expect(judgeVersionProbe('python', probe)).toEqual({ ok: false, reason })
  })

  it('names the family whose version was missing and shortens long output', () => {
    const verdict = judgeVersionProbe('node', outcome({ stdout: 'x'.repeat(500) }))
    expect(verdict.ok).toBe(false)
    if (verdict.ok) return
    expect(verdict.reason).toMatch(/^"--version" printed no Node\.js version \(it printed "x{200}…"\)$/)
  })

  it('rejects a Node.js version printed by something named python', () => {
    expect(judgeVersionProbe('python', outcome({ stdout: 'v20.11.1' })).ok).toBe(false)
  })
})
