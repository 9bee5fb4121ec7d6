import type { Resolution } from './runtime'
import type { RunDiff } from './result-diff'

export type ExecutionStatus = 'requested' | 'running' | 'completed' | 'failed' | 'timeout' | 'cancelled' | 'abandoned'

/** How the version of a run was chosen. */
export interface RunOptions {
  /** Pin the run to this registered version (`--version`). */
  readonly version?: string | null
  /** With a pin: run it even if it does not satisfy the action's constraint. */
  readonly force?: boolean
  /** No matching version is a failed run instead of the worker's fallback to the base config. */
  readonly strict?: boolean
  /** Overrides the action's `timeout_seconds`. */
  readonly timeoutSeconds?: number | null
  /**
   * The execution's `env_vars` (spec §5.5 step 5): set last, over the runtime's values; `ATTUNE_*` names
   * are ignored with a warning, as on a worker. Kept with the run (not secret: do not put tokens here).
   */
  readonly env?: Readonly<Record<string, string>>
  /** `config.context` entries (spec §5.5 step 2): each becomes `ATTUNE_CONTEXT_<KEY uppercased>`. */
  readonly context?: Readonly<Record<string, string>>
  /** `ATTUNE_API_URL` for this run (the author's Attune server), over the workbench's own ATTUNE_API_URL. */
  readonly apiUrl?: string | null
  /**
   * Pass the workbench's own `ATTUNE_API_TOKEN` to this run, as a worker passes a token to an execution
   * with permission sets (spec §5.5). Only this flag is stored, never the token.
   */
  readonly apiToken?: boolean
}

/**
 * The start of the one warning that names what a run did that a worker would not (a stand-in interpreter,
 * strict mode, a pin, an env rebuilt before the run); the run view shows it on its own line.
 */
export const DIFFERENCE_PREFIX = 'differs from a worker: '

/** One run of an action (DESIGN.md "a run"); field names are a stable contract. */
export interface ExecutionView {
  readonly id: number
  readonly action: string
  readonly pack: string
  readonly status: ExecutionStatus
  readonly exitCode: number | null
  readonly runtime: string | null
  readonly constraint: string | null
  readonly selectedVersion: string | null
  readonly resolution: Resolution | null
  /** Set when the run used the runtime's base config although a version was wanted, with why. */
  readonly fallback: string | null
  readonly warnings: readonly string[]
  readonly interpreter: string | null
  readonly envDir: string | null
  /** SHA-256 of the env's dependency manifest at run time: with the version and interpreter, the run's fingerprint. */
  readonly depsHash: string | null
  /**
   * The run started with an env that was not ready: its last build failed (e.g. pip could not install
   * the manifest). It ran as a worker would — with the env's own interpreter when the env was created —
   * so a green result does not mean the pack's dependencies were there. `warnings` say why.
   */
  readonly envIncomplete: boolean
  /** Parameters as given, secret values replaced by `***`. */
  readonly parameters: Readonly<Record<string, unknown>>
  readonly options: RunOptions
  /** The parsed output (`output_format`), or null. */
  readonly result: unknown
  readonly stdout: string
  readonly stderr: string
  readonly stdoutTruncated: boolean
  readonly stderrTruncated: boolean
  readonly durationMs: number | null
  readonly createdAt: string
  readonly startedAt: string | null
  readonly finishedAt: string | null
  readonly error: string | null
  readonly matrixId: number | null
  readonly rerunOf: number | null
}

/** One version's row of a matrix run. */
export interface MatrixEntry {
  readonly version: string
  /** Null when the version was skipped. */
  readonly run: ExecutionView | null
  readonly skipped: string | null
  /** Whether this run's outcome differs from the baseline run's (`diff` says how). */
  readonly differs: boolean
  /** Field-level (or output line) comparison with the baseline run; null for the baseline itself and skipped versions. */
  readonly diff: RunDiff | null
}

export interface MatrixView {
  readonly id: number
  readonly action: string
  readonly runs: readonly ExecutionView[]
  readonly entries: readonly MatrixEntry[]
  readonly summary: {
    readonly passed: number
    readonly failed: number
    readonly versions: readonly string[]
    readonly skipped: readonly { readonly version: string; readonly reason: string }[]
    readonly resultsDiffer: boolean
    /** The version every other run is compared with (the first run that completed), or null. */
    readonly baseline: string | null
    /** How many times each version was run (`--repeat`). */
    readonly repeat: number
  }
}
