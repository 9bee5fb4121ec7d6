/** What {@link executionError} decides from. */
export interface ExitFacts {
  readonly exitCode: number
  /** Captured (and redacted) stderr. */
  readonly stderr: string
  /** The stdin write failure, if any. */
  readonly stdinError: NodeJS.ErrnoException | null
  readonly durationMs: number
  readonly timedOut: boolean
  readonly timeoutSeconds: number
  readonly cancelled: boolean
}

/** A broken pipe on stdin is ignored for a quick, successful run: the action did not need its input. */
const IGNORABLE_PIPE_MS = 500
/** stderr longer than this many lines is summarised by its last line. */
const STDERR_SUMMARY_LINES = 5

/**
 * The error text of a finished run (spec §5.10–5.11), or null when it succeeded.
 *
 * Timeout and cancellation come first. Then a stdin write failure, except a broken pipe when the exit
 * code is 0 and the run took under 500 ms. Then a non-zero exit: empty stderr gives `Command exited
 * with code N`, stderr of more than 5 lines its last line, otherwise the whole (trimmed) stderr.
 */
export function executionError(facts: ExitFacts): string | null {
  if (facts.timedOut) return `Execution timed out after ${facts.timeoutSeconds} seconds`
  if (facts.cancelled) return 'Execution cancelled by user'
  if (facts.stdinError !== null && !ignorablePipe(facts)) return stdinErrorText(facts.stdinError)
  if (facts.exitCode === 0) return null
  const stderr = facts.stderr.trim()
  if (stderr === '') return `Command exited with code ${facts.exitCode}`
  const lines = stderr.split('\n')
  return lines.length > STDERR_SUMMARY_LINES ? (lines[lines.length - 1] ?? '').trim() : stderr
}

/** The message of a failed stdin write. */
export function stdinErrorText(error: NodeJS.ErrnoException): string {
  if (isBrokenPipe(error)) return 'Failed to write parameters to stdin: Broken pipe (the action closed its input)'
  return `Failed to write parameters to stdin: ${error.message}`
}

function ignorablePipe(facts: ExitFacts): boolean {
  return facts.stdinError !== null && isBrokenPipe(facts.stdinError) && facts.exitCode === 0 && facts.durationMs < IGNORABLE_PIPE_MS
}

function isBrokenPipe(error: NodeJS.ErrnoException): boolean {
  return error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED' || error.code === 'ECONNRESET'
}
