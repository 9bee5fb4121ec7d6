import type { RuntimeExecutionConfig } from '../../../../shared/domain/execution-config'
import type { FieldSpec, OutputFormat, ParameterDelivery, ParameterFormat } from '../../../../shared/domain/pack'
import type { OutputListener } from '../output/batcher'
import type { ParsedOutput } from '../output/parse'
import type { PrepareEnv } from './interpreter'

/** Spec §5.2: the app default when neither the run, the action nor any other tier sets a usable timeout. */
export const DEFAULT_TIMEOUT_SECONDS = 600

/** A diagnostic line of the runtime: names and counts, never parameter, env or secret values. */
export type ProcessLog = (level: 'info' | 'warn', message: string) => void

/** Everything one action process needs (spec §5.2 ExecutionContext, as the workbench has it). */
export interface ProcessRequest {
  readonly executionId: string | number
  /** `pack.action`. */
  readonly actionRef: string
  readonly packRef: string
  /** Absolute pack folder; the working directory of the action. */
  readonly packDir: string
  /** Lower-case runtime name (`python`, `shell`, `native`). */
  readonly runtimeName: string
  /** The runtime's own `execution_config`. */
  readonly baseConfig: RuntimeExecutionConfig
  /** Env dir of the base config (`<envs>/<pack>/<runtime>`). */
  readonly baseEnvDir: string
  /** The selected version's `execution_config` (the override), or null to run the base config. */
  readonly versionConfig: RuntimeExecutionConfig | null
  /** Env dir of the version config (`<envs>/<pack>/<runtime>-<version>`). */
  readonly versionEnvDir: string | null
  /** The action's `entry_point` as written. */
  readonly entryPoint: string
  /** `<pack_dir>/actions/<entry_point>` when it exists, else null. */
  readonly codePath: string | null
  /** Inline code, when the action is not a file. */
  readonly code?: string | null
  /** The validated document, defaults applied, secret values restored. */
  readonly parameters: Readonly<Record<string, unknown>>
  /** Parameter schema: which values are secret. */
  readonly parameterSchema: Readonly<Record<string, FieldSpec>> | null
  /** Output schema: which parsed fields are secret. */
  readonly outputSchema: Readonly<Record<string, FieldSpec>> | null
  readonly parameterDelivery: ParameterDelivery
  readonly parameterFormat: ParameterFormat
  readonly outputFormat: OutputFormat
  readonly timeoutSeconds: number
  /** The captured baseline allowlist (see `captureBaselineEnv`) plus any operator passthrough. */
  readonly baselineEnv: Readonly<Record<string, string>>
  /** `ATTUNE_*` worker context (see `buildContextEnv`). */
  readonly contextEnv: Readonly<Record<string, string>>
  /** The execution's own `env_vars`. */
  readonly executionEnv?: Readonly<Record<string, string>>
  /** Per-stream caps; default 10 MiB each. */
  readonly maxStdoutBytes?: number
  readonly maxStderrBytes?: number
  /** Where the live stream logs go (appended); null or absent keeps none. */
  readonly stdoutLogPath?: string | null
  readonly stderrLogPath?: string | null
  /** Batches of redacted output while the action runs. */
  readonly onOutput?: OutputListener
  /** Aborting cancels the run (spec §5.10). */
  readonly signal?: AbortSignal
  /** Lazy env ensure (spec §5.3 step 4): called when the env dir is missing or its interpreter dangles. */
  readonly prepareEnv?: PrepareEnv
  /** SIGTERM → SIGKILL grace; default 10 000 ms. */
  readonly killGraceMs?: number
  /** Bound on flushing the log files after exit (spec §5.8); default 1 000 ms. */
  readonly logFlushTimeoutMs?: number
  /**
   * Where the run's private folder (parameter file, inline script, stdin FIFO) is made; default the OS temp
   * dir. The engine passes `<data home>/scratch`, emptied at its start (a killed engine leaves nothing there).
   */
  readonly tempDir?: string
  readonly log?: ProcessLog
}

/** Why a run never started. */
export type StartFailure = 'setup' | 'invalid-action' | 'spawn'

/** What one action process did (spec §5.11 ExecutionResult, plus what the workbench explains). */
export interface ProcessResult {
  /** The exit status; −1 when killed by a signal, on timeout, or when it never started. */
  readonly exitCode: number
  /** exit code 0 and no error. */
  readonly succeeded: boolean
  /** Captured, capped, secrets masked; empty when a result was parsed (the log file keeps it). */
  readonly stdout: string
  readonly stderr: string
  /** The parsed `output_format` result, secret fields masked; null when none. */
  readonly parsed: ParsedOutput | null
  readonly error: string | null
  /** Set when the process never ran; `error` then says why. */
  readonly startFailure: StartFailure | null
  readonly timedOut: boolean
  readonly cancelled: boolean
  readonly durationMs: number
  readonly stdoutTruncated: boolean
  readonly stderrTruncated: boolean
  readonly stdoutBytesTruncated: number
  readonly stderrBytesTruncated: number
  /** A log file could not be written or flushed in time. */
  readonly logsIncomplete: boolean
  /** The interpreter actually spawned (absolute), or null (native, or never started). */
  readonly interpreter: string | null
  /** Which config ran: the version override or the base config. */
  readonly configUsed: 'version' | 'base'
  /** The env dir of the config that ran. */
  readonly envDir: string | null
  /** Null, or why the base config ran although a version config was given. */
  readonly fallback: string | null
  /** `executable=<basename>, argument_count=N, environment_override_count=M` (scenario 29), or null. */
  readonly command: string | null
  readonly pid: number | null
  /** Everything skipped or worked around (reserved variables, failed env setup, fallback). */
  readonly warnings: readonly string[]
}
