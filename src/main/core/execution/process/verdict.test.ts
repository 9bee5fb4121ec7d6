import { describe, it, expect } from 'vitest'
import { judgeRun, type FinishedRun } from './verdict'
import { Redactor } from '../secrets/redact'

const run = (overrides: Partial<FinishedRun>): FinishedRun => ({
  code: 0,
  signal: null,
  timedOut: false,
  cancelled: false,
  stdinError: null,
  durationMs: 10,
  timeoutSeconds: 30,
  rawStdout: '',
  stdout: '',
  stderr: '',
  outputFormat: 'text',
  outputSchema: null,
  redactor: new Redactor([]),
  ...overrides
})

describe('judgeRun (spec §5.9–5.11)', () => {
  it('keeps stdout when nothing is parsed', () => {
    expect(judgeRun(run({ rawStdout: 'hi\n', stdout: 'hi\n' }))).toEqual({ exitCode: 0, error: null, parsed: null, stdout: 'hi\n', stderr: '' })
  })

  it('empties stdout when a result is parsed', () => {
    const verdict = judgeRun(run({ rawStdout: '{"status":"ok","count":42}', stdout: '{"status":"ok","count":42}', outputFormat: 'json' }))
    expect(verdict.parsed).toEqual({ value: { status: 'ok', count: 42 } })
    expect(verdict.stdout).toBe('')
  })

  it('parses only exit 0 without timeout or cancellation', () => {
    const json = { rawStdout: '{"a":1}', stdout: '{"a":1}', outputFormat: 'json' } as const
    expect(judgeRun(run({ ...json, code: 1 })).parsed).toBeNull()
    expect(judgeRun(run({ ...json, cancelled: true })).parsed).toBeNull()
    expect(judgeRun(run({ ...json, timedOut: true })).parsed).toBeNull()
  })

  it('gives −1 for a signal death and for a timeout', () => {
    expect(judgeRun(run({ code: null, signal: 'SIGKILL' })).exitCode).toBe(-1)
    const timedOut = judgeRun(run({ code: 143, timedOut: true, timeoutSeconds: 1 }))
    expect(timedOut).toMatchObject({ exitCode: -1, error: 'Execution timed out after 1 seconds' })
  })

  it('keeps the real exit code when cancelled', () => {
    expect(judgeRun(run({ code: 130, cancelled: true }))).toMatchObject({ exitCode: 130, error: 'Execution cancelled by user' })
  })

  it('masks output-schema secret fields, secret texts and numbers equal to a secret in the parsed value, parsing the raw text', () => {
    const verdict = judgeRun(
      run({
        rawStdout: '{"token":"t-1","pin":1234,"note":"uses 1234 and s3cret"}',
        stdout: '{"token":"t-1","pin":***,"note":"uses *** and ***"}',
        outputFormat: 'json',
        outputSchema: { token: { type: 'string', secret: true } },
        redactor: new Redactor(['1234', 's3cret'])
      })
    )
    expect(verdict.parsed).toEqual({ value: { token: '***', pin: '***', note: '***' } })
  })
})
