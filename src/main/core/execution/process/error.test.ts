import { describe, it, expect } from 'vitest'
import { executionError, type ExitFacts } from './error'

const facts = (overrides: Partial<ExitFacts>): ExitFacts => ({
  exitCode: 0,
  stderr: '',
  stdinError: null,
  durationMs: 100,
  timedOut: false,
  timeoutSeconds: 30,
  cancelled: false,
  ...overrides
})
const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })

describe('executionError (spec §5.10–5.11)', () => {
  it('no error for exit 0', () => {
    expect(executionError(facts({}))).toBeNull()
  })

  it('exit ≠ 0 with empty stderr → Command exited with code N', () => {
    expect(executionError(facts({ exitCode: 3, stderr: ' \n' }))).toBe('Command exited with code 3')
  })

  it('stderr of up to 5 lines is the whole (trimmed) stderr', () => {
    expect(executionError(facts({ exitCode: 1, stderr: 'a\nb\nc\nd\ne\n' }))).toBe('a\nb\nc\nd\ne')
  })

  it('stderr of more than 5 lines gives its last line', () => {
    expect(executionError(facts({ exitCode: 1, stderr: '1\n2\n3\n4\n5\nFinal: boom\n' }))).toBe('Final: boom')
  })

  it('timeout and cancellation come first', () => {
    expect(executionError(facts({ exitCode: -1, timedOut: true, timeoutSeconds: 1, stderr: 'x' }))).toBe('Execution timed out after 1 seconds')
    expect(executionError(facts({ exitCode: 143, cancelled: true, stdinError: epipe }))).toBe('Execution cancelled by user')
  })

  it('ignores a broken pipe only for a quick successful run', () => {
    expect(executionError(facts({ stdinError: epipe, durationMs: 100 }))).toBeNull()
    expect(executionError(facts({ stdinError: epipe, durationMs: 600 }))).toMatch(/^Failed to write parameters to stdin: Broken pipe/)
    expect(executionError(facts({ stdinError: epipe, exitCode: 1, stderr: 'x' }))).toMatch(/Broken pipe/)
  })

  it('reports any other stdin error before the exit code', () => {
    const other = Object.assign(new Error('EIO: i/o error'), { code: 'EIO' })
    expect(executionError(facts({ stdinError: other, exitCode: 2 }))).toBe('Failed to write parameters to stdin: EIO: i/o error')
  })
})
