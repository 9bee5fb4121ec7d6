import type { VerificationCommandSpec } from '../../../shared/domain/execution-config'
import type { VerificationAttempt } from '../../../shared/domain/runtime'
import { findOnPathSync, type Prober } from '../discovery'
import { compileRustPattern } from './rust-pattern'

export { compileRustPattern } from './rust-pattern'

/** Spec §3.1: each verification command gets 10 s before it is killed. */
export const DEFAULT_PROBE_TIMEOUT_MS = 10_000

/** How verification commands run: the prober (cleared env, cache) and the timeout it applies. */
export interface ProbeContext {
  readonly prober: Prober
  /** The prober's per-command timeout, for the message when a command is killed. */
  readonly timeoutMs: number
}

/** One verification command tried, with the text kept for the stored detail. */
export interface CheckedCommand extends VerificationAttempt {
  readonly passed: boolean
  readonly output: string
}

const OUTPUT_HEAD = 600

/**
 * Run one verification command and judge it (spec §3.1 step 3): exit code (signal = -1) must equal
 * `exit_code`, and the optional pattern must match stdout followed by stderr, unanchored.
 *
 * `target` is the executable to run: the resolved interpreter when the command names the version's
 * own interpreter, else the bare binary looked up on PATH.
 */
export async function checkCommand(
  spec: VerificationCommandSpec,
  target: string | null,
  context: ProbeContext,
  notFoundReason: string | null
): Promise<CheckedCommand> {
  const shown = [target ?? spec.binary, ...spec.args].join(' ')
  if (!target) {
    return { command: shown, exitCode: null, matched: false, passed: false, cached: false, output: '', outcome: notFoundReason ?? `${spec.binary} is not on PATH` }
  }
  const probe = await context.prober.probe(target, spec.args)
  const output = (probe.stdout + probe.stderr).trim()
  const base = { command: shown, exitCode: probe.exitCode, cached: probe.cached, output: output.slice(0, OUTPUT_HEAD) }
  if (probe.spawnError) return { ...base, exitCode: null, matched: false, passed: false, outcome: `could not run ${target}: ${probe.spawnError}` }
  if (probe.timedOut) return { ...base, matched: false, passed: false, outcome: `${spec.binary} did not answer within ${formatSeconds(context.timeoutMs)} and was killed` }
  if (probe.exitCode !== spec.exitCode) {
    const printed = output ? ` (printed '${firstLine(output)}')` : ''
    return { ...base, matched: false, passed: false, outcome: `exited with ${probe.exitCode}, expected ${spec.exitCode}${printed}` }
  }
  if (spec.pattern === null) return { ...base, matched: true, passed: true, outcome: `exited with ${probe.exitCode}` }
  const regex = compileRustPattern(spec.pattern)
  if (!regex) return { ...base, matched: false, passed: false, outcome: `the pattern ${spec.pattern} is not a valid regular expression` }
  const matched = regex.test(probe.stdout + probe.stderr)
  return matched
    ? { ...base, matched, passed: true, outcome: `printed '${firstLine(output)}', which matches /${spec.pattern}/` }
    : { ...base, matched, passed: false, outcome: `${output ? `printed '${firstLine(output)}'` : 'printed nothing'}, which does not match /${spec.pattern}/` }
}

/**
 * The executable a bare or absolute verification binary runs: the first on PATH, preferring real
 * files over version-manager shims. A shim's answer depends on state outside the file (the active
 * version), so it is neither a stable cache key nor a fast probe; it is used only when nothing else
 * on PATH has the name.
 */
export function locateBinary(binary: string, pathValue: string): string | null {
  return findOnPathSync(binary, pathValue, { skipShims: true }) ?? findOnPathSync(binary, pathValue, { skipShims: false })
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? ''
  return line.length > 120 ? `${line.slice(0, 117)}...` : line
}
