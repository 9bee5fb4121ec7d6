import type { OutputFormat } from '../../../../shared/domain/pack'
import { executionError } from './error'
import { parseOutput, type ParsedOutput } from '../output/parse'
import { maskSecretFields, type FieldSchema } from '../parameters/schema'
import type { Redactor } from '../secrets/redact'

/** What a finished process left, as {@link judgeRun} needs it. */
export interface FinishedRun {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly timedOut: boolean
  readonly cancelled: boolean
  readonly stdinError: NodeJS.ErrnoException | null
  readonly durationMs: number
  readonly timeoutSeconds: number
  /** Captured stdout before redaction: what is parsed. */
  readonly rawStdout: string
  /** Captured streams as shown (redacted). */
  readonly stdout: string
  readonly stderr: string
  readonly outputFormat: OutputFormat
  readonly outputSchema: FieldSchema
  readonly redactor: Redactor
}

/** The judged fields of a result. */
export interface Verdict {
  readonly exitCode: number
  readonly error: string | null
  readonly parsed: ParsedOutput | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Exit code, error, parsed result and returned stdout of a finished run (spec §5.9–5.11).
 *
 * The exit code is −1 for a signal death or a timeout. Parsing happens only for exit 0 without timeout or
 * cancellation, on the captured (possibly truncated) text before masking, so a masked secret cannot break
 * the JSON; the parsed value then gets its output-schema secret fields and every value holding a secret
 * masked whole, never cut into ({@link Redactor.redactValue}). A parsed result empties the returned stdout.
 */
export function judgeRun(run: FinishedRun): Verdict {
  const exitCode = run.timedOut || run.code === null ? -1 : run.code
  const error = executionError({
    exitCode,
    stderr: run.stderr,
    stdinError: run.stdinError,
    durationMs: run.durationMs,
    timedOut: run.timedOut,
    timeoutSeconds: run.timeoutSeconds,
    cancelled: run.cancelled
  })
  const parseable = exitCode === 0 && !run.timedOut && !run.cancelled
  const parsed = parseable ? parseOutput(run.rawStdout, run.outputFormat) : null
  if (parsed === null) return { exitCode, error, parsed: null, stdout: run.stdout, stderr: run.stderr }
  const value = run.redactor.redactValue(maskSecretFields(run.outputSchema, parsed.value))
  return { exitCode, error, parsed: { value }, stdout: '', stderr: run.stderr }
}
