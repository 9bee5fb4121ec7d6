import { sameIdentity, type FileIdentity } from '../discovery/file-identity'
import type { CommandRunner } from './command-runner'
import { summariseVersionOutput, type HealthProbe } from './health-check'

const PROBE_TIMEOUT_MS = 15_000

/**
 * The `--version` probe of `path`, answered from `cached` when the file's identity is unchanged
 * (resolved path, size, mtime, inode); otherwise the interpreter is run once, with the given env.
 * `fresh` tells the caller the answer is new and worth caching (a missing file is never run or cached).
 */
export async function probeHealth(
  path: string,
  identity: FileIdentity | null,
  cached: HealthProbe | null,
  options: { readonly run: CommandRunner; readonly env: Readonly<Record<string, string>>; readonly timeoutMs?: number }
): Promise<{ probe: HealthProbe; fresh: boolean }> {
  if (identity === null) {
    return { probe: { path, identity, exitCode: -1, spawnError: 'not found', version: null, firstLine: '' }, fresh: false }
  }
  if (cached?.identity && cached.path === path && sameIdentity(cached.identity, identity)) return { probe: cached, fresh: false }
  const result = await options.run(path, ['--version'], { env: options.env, timeoutMs: options.timeoutMs ?? PROBE_TIMEOUT_MS })
  // Python 2 and some builds print the version on stderr.
  const { version, firstLine } = summariseVersionOutput(`${result.stdout}\n${result.stderr}`)
  const spawnError = result.spawnError ?? (result.timedOut ? 'timed out' : null)
  return { probe: { path, identity, exitCode: result.exitCode, spawnError, version, firstLine }, fresh: true }
}
