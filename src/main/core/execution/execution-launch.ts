import type { RuntimeExecutionConfig } from '../../../shared/domain/execution-config'
import type { ActionDefinition } from '../../../shared/domain/pack'

/** Everything the process side needs for one run, decided by the executor. */
export interface LaunchRequest {
  readonly executionId: number
  readonly action: ActionDefinition
  readonly pack: { readonly ref: string; readonly dir: string }
  /** Lower-cased runtime display name (spec §5.1). */
  readonly runtimeName: string
  /** The selected version's config (with discovery's interpreter) or the base config. */
  readonly config: RuntimeExecutionConfig
  /** The runtime's own config, for the fallback of spec §5.3 step 7. */
  readonly baseConfig: RuntimeExecutionConfig
  readonly envDir: string | null
  readonly baseEnvDir: string | null
  /** The selected version's config is an override (false when the base config runs anyway). */
  readonly isOverride: boolean
  readonly parameters: Readonly<Record<string, unknown>>
  /** The run's `env_vars` (spec §5.5 step 5). */
  readonly executionEnv?: Readonly<Record<string, string>>
  /** The run's `config.context` entries, over a `context` parameter's (spec §5.5 step 2). */
  readonly context?: Readonly<Record<string, string>>
  /** `ATTUNE_API_URL` for this run, over the workbench's own. */
  readonly apiUrl?: string | null
  /** Pass the workbench's `ATTUNE_API_TOKEN` (a worker does for an execution with permission sets). */
  readonly apiToken?: boolean
  readonly timeoutSeconds: number
  readonly runtimeEnvsDir: string
  readonly artifactsDir: string
  readonly logs: { readonly stdout: string; readonly stderr: string }
  readonly signal: AbortSignal
  readonly onOutput: (stream: 'stdout' | 'stderr', text: string) => void
  /** Lazy env ensure (spec §5.3 step 4) of the version env or, on fallback, of the base config (in the version's dir when a version was selected). */
  readonly ensureEnv: (which: 'version' | 'base') => Promise<void>
}

/** What the process side reports back. */
export interface LaunchResult {
  readonly exitCode: number | null
  readonly result: unknown
  /** A result was parsed from stdout (so stdout is not repeated in the view). */
  readonly stdoutParsed: boolean
  readonly error: string | null
  readonly timedOut: boolean
  readonly cancelled: boolean
  readonly durationMs: number
  readonly stdoutTruncated: boolean
  readonly stderrTruncated: boolean
  /** The interpreter that actually ran. */
  readonly interpreter: string | null
  /** Which config ran: the selected version's, or the base config (none selected, or the fallback of spec §5.3). */
  readonly configUsed: 'version' | 'base'
  /** Why the base config ran instead of the version's (interpreter unavailable), or null. */
  readonly fallback: string | null
  readonly warnings: readonly string[]
  /**
   * The text the complete log files hold (stdout empty when a result was parsed), so the finished view need
   * not read them back; absent when a log is incomplete or the launcher does not keep it.
   */
  readonly output?: { readonly stdout: string; readonly stderr: string }
}

export type ProcessLauncher = (request: LaunchRequest) => Promise<LaunchResult>
