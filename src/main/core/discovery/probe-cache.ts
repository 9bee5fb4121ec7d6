import type { FileIdentity } from './file-identity'

/** What running an executable with some arguments produced. */
export interface ProbeOutcome {
  /** Exit status; -1 when killed by a signal, timed out, or never started. */
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
  readonly timedOut: boolean
  /** Why the process could not be started ("not found", "not executable", ...), else null. */
  readonly spawnError: string | null
  /** True when this answer was read from a {@link ProbeCache} instead of running the executable. */
  readonly cached: boolean
}

/**
 * Remembers probe outcomes per file identity and arguments.
 *
 * An implementation may persist across runs; the identity changes whenever the file is replaced, so a
 * stale entry is simply never asked for again.
 */
export interface ProbeCache {
  get(identity: FileIdentity, args: readonly string[]): ProbeOutcome | undefined
  set(identity: FileIdentity, args: readonly string[], outcome: ProbeOutcome): void
}

/** The key under which a probe of `identity` with `args` is cached and shared. */
export function probeKey(identity: FileIdentity, args: readonly string[]): string {
  return JSON.stringify([identity.realPath, identity.size, identity.mtimeMs, identity.ino, args])
}

/**
 * A {@link ProbeCache} held in memory for the life of the process.
 */
export class MemoryProbeCache implements ProbeCache {
  private readonly entries = new Map<string, ProbeOutcome>()

  get(identity: FileIdentity, args: readonly string[]): ProbeOutcome | undefined {
    return this.entries.get(probeKey(identity, args))
  }

  set(identity: FileIdentity, args: readonly string[], outcome: ProbeOutcome): void {
    this.entries.set(probeKey(identity, args), outcome)
  }

  /** How many outcomes are held. */
  get size(): number {
    return this.entries.size
  }
}
