import { parseInterpreterVersion } from '../discovery'
import { runtimeVersionMatchesWorker } from '../versions'
import type { FileIdentity } from '../discovery'

/** One `<interpreter> --version` run, cached in the build record keyed by the file's identity. */
export interface HealthProbe {
  /** The path that was run. */
  readonly path: string
  /** Null when the file does not exist (such a probe is never cached). */
  readonly identity: FileIdentity | null
  readonly exitCode: number
  /** Why it did not run at all (not found, not executable, timed out). */
  readonly spawnError: string | null
  /** The version it reported (`3.12.4`, `20.11.1`), or null when none could be read. */
  readonly version: string | null
  /** The first line of its output, for messages. */
  readonly firstLine: string
}

/** Read a probe's output into the parts kept in the cache. */
export function summariseVersionOutput(output: string): { version: string | null; firstLine: string } {
  const version = parseInterpreterVersion('python', output) ?? parseInterpreterVersion('node', output)
  const firstLine = (output.split(/\r?\n/).find((line) => line.trim() !== '') ?? '').trim().slice(0, 200)
  return { version, firstLine }
}

/**
 * Why a probe shows an unusable interpreter, or null when it is healthy: it must run, exit 0 and, when a
 * version is expected, report one that matches it (`3.12` matches any 3.12.z, spec §2.5).
 */
export function healthProblem(probe: HealthProbe, expectedVersion: string | null): string | null {
  if (probe.spawnError !== null) return `${probe.path} does not run (${probe.spawnError})`
  if (probe.exitCode !== 0) return `${probe.path} --version exited ${probe.exitCode}${probe.firstLine ? `: ${probe.firstLine}` : ''}`
  if (expectedVersion === null) return null
  if (probe.version === null) return `${probe.path} --version printed no version (${JSON.stringify(probe.firstLine)}), expected ${expectedVersion}`
  if (!runtimeVersionMatchesWorker(expectedVersion, probe.version)) {
    return `${probe.path} reports ${probe.version}, expected ${expectedVersion}`
  }
  return null
}
