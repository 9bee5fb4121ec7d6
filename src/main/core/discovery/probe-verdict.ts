import type { InterpreterFamily } from './installation'
import { parseInterpreterVersion } from './parse-interpreter-version'
import type { ProbeOutcome } from './probe-cache'

/** The arguments every candidate is probed with. */
export const VERSION_ARGS: readonly string[] = ['--version']

/** What a `--version` probe says about a candidate. */
export type ProbeVerdict =
  | { readonly ok: true; readonly version: string }
  | { readonly ok: false; readonly reason: string }

const FAMILY_LABEL: Readonly<Record<InterpreterFamily, string>> = { python: 'Python', node: 'Node.js' }
const MAX_QUOTE = 200

/**
 * Judge a `--version` probe: the version it printed, or why the candidate is not usable, in words a
 * person understands.
 *
 * Output is read from stdout and stderr together because Python 2 prints its version to stderr.
 */
export function judgeVersionProbe(family: InterpreterFamily, outcome: ProbeOutcome): ProbeVerdict {
  if (outcome.spawnError !== null) return { ok: false, reason: `could not be run (${outcome.spawnError})` }
  if (outcome.timedOut) return { ok: false, reason: 'did not answer "--version" in time and was stopped' }
  const said = firstLine(outcome.stderr) ?? firstLine(outcome.stdout)
  if (outcome.exitCode === -1) return { ok: false, reason: 'was killed by a signal while answering "--version"' }
  if (outcome.exitCode !== 0) {
    const detail = said === null ? '' : `: ${quote(said)}`
    return { ok: false, reason: `"--version" failed with exit status ${outcome.exitCode}${detail}` }
  }
  const version = parseInterpreterVersion(family, `${outcome.stdout}\n${outcome.stderr}`)
  if (version !== null) return { ok: true, version }
  const printed = firstLine(outcome.stdout) ?? firstLine(outcome.stderr)
  const tail = printed === null ? 'it printed nothing' : `it printed ${quote(printed)}`
  return { ok: false, reason: `"--version" printed no ${FAMILY_LABEL[family]} version (${tail})` }
}

function firstLine(text: string): string | null {
  const line = text.split(/\r?\n/).find((candidate) => candidate.trim() !== '')
  return line === undefined ? null : line.trim()
}

function quote(text: string): string {
  return JSON.stringify(text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text)
}
