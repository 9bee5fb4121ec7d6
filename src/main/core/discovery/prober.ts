import { runCommand } from '../commands/run-command'
import { fileIdentitySync, sameIdentity, type FileIdentity } from './file-identity'
import { MemoryProbeCache, probeKey, type ProbeCache, type ProbeOutcome } from './probe-cache'

/** Runs an executable with some arguments and reports what happened; never throws. */
export interface Prober {
  probe(path: string, args: readonly string[]): Promise<ProbeOutcome>
}

/** Options for {@link createProber}. */
export interface ProberOptions {
  /** The complete, cleared environment every probe runs with. */
  readonly env: Readonly<Record<string, string>>
  /** Defaults to a fresh {@link MemoryProbeCache}. */
  readonly cache?: ProbeCache
  /** Per probe; the process group is killed after this long. */
  readonly timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 10_000
/**
 * The worker reads a verification command's whole output (`wait_with_output`) before matching its pattern.
 * A cap far above any `--version` output (16 MiB per stream) keeps that meaning without letting a runaway
 * command fill memory; only text past it could match on a worker and not here.
 */
export const PROBE_OUTPUT_LIMIT = 16 * 1024 * 1024

/**
 * Create a prober that answers from a cache keyed by file identity when the file has not changed.
 *
 * The file is identified by its resolved path and stat, so the same binary reached through several
 * symlinks is run once, and concurrent probes of one identity and arguments share one process. Only
 * completed runs are cached (whatever their exit status); timeouts and spawn failures are retried next
 * time. The executable is run by the path given, not the resolved one, because some interpreters read
 * their own location from argv[0]; answers that depend on that location (a virtualenv's `sys.prefix`)
 * must therefore not go through a shared prober.
 */
export function createProber(options: ProberOptions): Prober {
  const cache = options.cache ?? new MemoryProbeCache()
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const inFlight = new Map<string, Promise<ProbeOutcome>>()

  async function run(path: string, identity: FileIdentity, args: readonly string[]): Promise<ProbeOutcome> {
    // Probes start at once, not one per event-loop turn: a verification waits for all of them, and there are
    // at most `concurrency` in flight (each start blocks the loop for about a millisecond, so hosts wait at
    // most that many milliseconds); runs and env setups keep taking turns.
    const result = await runCommand(path, args, { env: options.env, timeoutMs, maxOutputBytes: PROBE_OUTPUT_LIMIT, startAtOnce: true })
    const outcome: ProbeOutcome = {
      exitCode: result.exitCode,
      stdout: result.stdout,
      stderr: result.stderr,
      timedOut: result.timedOut,
      spawnError: result.spawnError,
      cached: false
    }
    // A file rewritten while it ran must not have the new identity answered with the old output.
    const after = fileIdentitySync(path)
    if (!outcome.timedOut && outcome.spawnError === null && after !== null && sameIdentity(after, identity)) {
      cache.set(identity, args, outcome)
    }
    return outcome
  }

  return {
    probe(path, args) {
      const identity = fileIdentitySync(path)
      if (identity === null) return Promise.resolve(notFound())
      const hit = cache.get(identity, args)
      if (hit !== undefined) return Promise.resolve({ ...hit, cached: true })
      const key = probeKey(identity, args)
      const running = inFlight.get(key)
      if (running !== undefined) return running
      const started = run(path, identity, args).finally(() => inFlight.delete(key))
      inFlight.set(key, started)
      return started
    }
  }
}

function notFound(): ProbeOutcome {
  return { exitCode: -1, stdout: '', stderr: '', timedOut: false, spawnError: 'not found', cached: false }
}
