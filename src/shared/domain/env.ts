export type EnvStatus = 'missing' | 'building' | 'ready' | 'stale' | 'broken' | 'failed'

/** One environment of a pack: the base env (version null) or a per-version env (spec §4.1). */
export interface EnvView {
  readonly pack: string
  /** Runtime ref, e.g. `core.python`. */
  readonly runtime: string
  /** Lower-cased runtime display name used in the dir name (`python`, `node.js`). */
  readonly runtimeName: string
  readonly version: string | null
  readonly dir: string
  readonly status: EnvStatus
  /** Why the status is what it is, in words (stale: which check failed; broken: what is missing). */
  readonly statusReason: string | null
  readonly interpreter: string | null
  /** SHA-256 of the manifest the deps were installed from (the marker's content), or null. */
  readonly depsHash: string | null
  readonly sizeBytes: number | null
  readonly builtAt: string | null
  readonly error: string | null
  /** The requirement the last failed install could not satisfy, read from pip's or npm's output; null if unknown. */
  readonly failedRequirement?: string | null
  /** The setup log of the last build (path), if any. */
  readonly logFile: string | null
}

/**
 * What an env's status reason says beyond its error: a failed env's reason starts with
 * `last build failed: <error>`, which is shown once, as the error, so only the rest is left (or null).
 */
export function reasonBeyondError(env: Pick<EnvView, 'status' | 'statusReason' | 'error'>): string | null {
  if (env.status === 'ready' || env.statusReason === null) return null
  if (env.error === null) return env.statusReason
  const rest = env.statusReason.replace(`last build failed: ${env.error}`, '').replace(/^;\s*/, '')
  return rest === '' ? null : rest
}
