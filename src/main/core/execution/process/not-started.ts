import type { ResolvedInterpreter } from './interpreter'
import type { ProcessResult, StartFailure } from './types'

/** What is known about a run that never got a process. */
export interface NotStartedFacts {
  readonly started: number
  readonly warnings: readonly string[]
  readonly error: string
  readonly startFailure?: StartFailure
  readonly cancelled?: boolean
  readonly resolved?: ResolvedInterpreter
  readonly versionUsed?: boolean
  readonly command?: string
}

/** The result of a run that failed before its process started (exit −1, no output). */
export function notStarted(facts: NotStartedFacts): ProcessResult {
  return {
    exitCode: -1,
    succeeded: false,
    stdout: '',
    stderr: '',
    parsed: null,
    error: facts.error,
    startFailure: facts.startFailure ?? null,
    timedOut: false,
    cancelled: facts.cancelled ?? false,
    durationMs: Date.now() - facts.started,
    stdoutTruncated: false,
    stderrTruncated: false,
    stdoutBytesTruncated: 0,
    stderrBytesTruncated: 0,
    logsIncomplete: false,
    interpreter: facts.resolved?.interpreter ?? null,
    configUsed: facts.versionUsed ? 'version' : 'base',
    envDir: facts.resolved?.envDir ?? null,
    fallback: facts.resolved?.fallback ?? null,
    command: facts.command ?? null,
    pid: null,
    warnings: facts.warnings
  }
}
