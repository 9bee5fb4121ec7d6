import { statSync } from 'node:fs'
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
/** How long a completed run answers later probes of its file by other paths (hard links): one verification's time. */
const DONE_RUN_KEPT_MS = 60_000
/**
 * The worker reads a verification command's whole output (`wait_with_output`) before matching its pattern.
 * A cap far above any `--version` output (16 MiB per stream) keeps that meaning without letting a runaway
 * command fill memory; only text past it could match on a worker and not here.
 */
export const PROBE_OUTPUT_LIMIT = 16 * 1024 * 1024

/**
 * Create a prober that answers from a cache keyed by file identity when the file has not changed.
 *
 * Each file is run once per arguments however many paths reach it: the cache's identity is the resolved
 * path and stat (symlinks), and the prober also knows its runs by device and inode (hard links, which
 * resolve to paths of their own). A probe of a file being run waits for that run (one process for all);
 * a probe of a file already run gets its answer as a cache hit, cached under the new path too. Only
 * completed runs are cached (whatever their exit status); timeouts and spawn failures are retried next
 * time. The executable is run by the path given, not the resolved one, because some interpreters read
 * their own location from argv[0]; answers that depend on that location (a virtualenv's `sys.prefix`)
 * must therefore not go through a shared prober.
 */
export function createProber(options: ProberOptions): Prober {
  const cache = options.cache ?? new MemoryProbeCache()
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const runs = new Map<string, FileRun>()

  /** Cache `outcome` under `identity` unless the file changed since (its new identity must not get the old answer). */
  function remember(path: string, identity: FileIdentity, args: readonly string[], outcome: ProbeOutcome): void {
    const now = fileIdentitySync(path)
    if (now !== null && sameIdentity(now, identity)) cache.set(identity, args, outcome)
  }

  async function run(path: string, args: readonly string[]): Promise<ProbeOutcome> {
    // Probes start at once, not one per event-loop turn: a verification waits for all of them, and there are
    // at most `concurrency` in flight (each start blocks the loop for about a millisecond, so hosts wait at
    // most that many milliseconds); runs and env setups keep taking turns.
    const result = await runCommand(path, args, { env: options.env, timeoutMs, maxOutputBytes: PROBE_OUTPUT_LIMIT, startAtOnce: true })
    return {
      exitCode: result.exitCode,
      stdout: result.stdout,
      stderr: result.stderr,
      timedOut: result.timedOut,
      spawnError: result.spawnError,
      cached: false
    }
  }

  function settle(key: string, args: readonly string[], outcome: ProbeOutcome): ProbeOutcome {
    const fileRun = runs.get(key)
    if (outcome.timedOut || outcome.spawnError !== null) runs.delete(key)
    else if (fileRun !== undefined) {
      fileRun.done = true
      for (const sharer of fileRun.sharers.values()) remember(sharer.path, sharer.identity, args, outcome)
      // Shared with the probes of the same verification, not kept for the engine's life: the probe cache has it.
      setTimeout(() => {
        if (runs.get(key) === fileRun) runs.delete(key)
      }, DONE_RUN_KEPT_MS).unref()
    }
    return outcome
  }

  return {
    probe(path, args) {
      const identity = fileIdentitySync(path)
      if (identity === null) return Promise.resolve(notFound())
      const hit = cache.get(identity, args)
      if (hit !== undefined) return Promise.resolve({ ...hit, cached: true })
      const key = sameFileKey(identity, args)
      const known = runs.get(key)
      if (known?.done === true) {
        return known.outcome.then((outcome) => {
          remember(path, identity, args, outcome)
          return { ...outcome, cached: true }
        })
      }
      if (known !== undefined) {
        known.sharers.set(probeKey(identity, args), { path, identity })
        return known.outcome
      }
      const outcome = run(path, args).then((completed) => settle(key, args, completed))
      runs.set(key, { outcome, sharers: new Map([[probeKey(identity, args), { path, identity }]]), done: false })
      return outcome
    }
  }
}

/** One run of a file with some arguments, and the paths whose probes are waiting for it. */
interface FileRun {
  readonly outcome: Promise<ProbeOutcome>
  readonly sharers: Map<string, { readonly path: string; readonly identity: FileIdentity }>
  /** Completed (not timed out, started): later probes of the file are answered from it. */
  done: boolean
}

/**
 * The key of a file's runs: device and inode (so hard links meet, not only the symlinks a real path resolves),
 * size and modification time (a rewritten file is run again), and the arguments.
 */
function sameFileKey(identity: FileIdentity, args: readonly string[]): string {
  const stats = statSync(identity.realPath, { throwIfNoEntry: false })
  // Replaced between the two stats: keyed by the identity alone, so it shares with nothing.
  if (stats === undefined || stats.ino !== identity.ino) return probeKey(identity, args)
  return JSON.stringify([stats.dev, stats.ino, identity.size, identity.mtimeMs, args])
}

function notFound(): ProbeOutcome {
  return { exitCode: -1, stdout: '', stderr: '', timedOut: false, spawnError: 'not found', cached: false }
}
