import type { ExecutionView } from './execution'

/** The warning a run gets when its action declares a structured `output_format` and printed something else. */
export const NOT_PARSED_WARNING = 'The output is not valid'

/** Something about a finished run that its status alone does not say, shown as an icon with the reason. */
export interface RunNotice {
  readonly kind: 'cancelled' | 'truncated' | 'not-parsed' | 'base-config'
  /** A short label for the badge. */
  readonly label: string
  /** The reason in words (the badge's title and the header's text). */
  readonly text: string
}

/** The notices of a run: cancelled (by whom), output over the cap, output that did not parse, base config. */
export function runNotices(run: Pick<ExecutionView, 'status' | 'error' | 'stdoutTruncated' | 'stderrTruncated' | 'warnings' | 'fallback'>): RunNotice[] {
  const notices: RunNotice[] = []
  if (run.status === 'cancelled') notices.push({ kind: 'cancelled', label: 'cancelled', text: run.error ?? 'Execution cancelled' })
  const cut = [run.stdoutTruncated ? 'stdout' : null, run.stderrTruncated ? 'stderr' : null].filter((name) => name !== null)
  if (cut.length > 0) notices.push({ kind: 'truncated', label: 'output cut', text: `${cut.join(' and ')} passed the 10 MiB cap and was cut there (the log keeps what was captured)` })
  const notParsed = run.warnings.find((warning) => warning.startsWith(NOT_PARSED_WARNING))
  if (notParsed) notices.push({ kind: 'not-parsed', label: 'no result', text: notParsed })
  if (run.fallback) notices.push({ kind: 'base-config', label: 'base config', text: run.fallback })
  return notices
}
