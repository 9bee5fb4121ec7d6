import { mkdirSync, writeFileSync } from 'node:fs'
import type { ExecutionStatus, ExecutionView, RunOptions } from '../../../shared/domain/execution'
import type { ActionDefinition } from '../../../shared/domain/pack'
import { envDirFor } from '../envs/env-layout'
import { envSpecFor } from '../envs/env-plan'
import { envNeededSync } from '../envs/env-spec'
import type { EnvService } from '../envs/env-service'
import { badInput, storageError, WorkbenchError } from '../errors'
import type { EventBus } from '../events'
import type { ExecutionFilter, ExecutionFinish, ExecutionRecord, ExecutionRepository } from '../store/execution-repository'
import type { PackRepository } from '../store/pack-repository'
import type { RuntimeRecord, RuntimeRepository } from '../store/runtime-repository'
import type { RuntimeVersionRepository } from '../store/runtime-version-repository'
import { unclaimedByFilter } from '../verify/runtime-filter'
import { envWarning } from './env-warning'
import type { LaunchResult, ProcessLauncher } from './execution-launch'
import { executionLogPaths, readSliceSync, toExecutionView, writeFinalStatusSync } from './execution-views'
import { entryPointProblemSync } from './entry-point-guard'
import { resolveRunVersion, type RunResolution } from './executor-resolution'
import { reapOrphanedRunsSync } from './orphan-reaper'
import { applyDefaults, SECRET_MASK, secretNames } from './parameter-schema'
import { validateParameters } from './parameter-validation'
import { runDifferences } from './run-differences'
import { plainParameters } from './worker-numbers'
import { cancelMessage, notParsedWarning } from './run-outcome-notes'
import { closestName } from '../../../shared/text/closest-name'

const CLOSED_MESSAGE = 'Execution cancelled: the workbench closed while it was in progress'

/** Spec §5.2: the app default when neither the run nor the action sets a timeout. */
export const DEFAULT_TIMEOUT_SECONDS = 600
/** Spec §6: `worker.max_concurrent_tasks` default. Further runs wait as `requested`. */
export const DEFAULT_MAX_CONCURRENT_RUNS = 10
const LOG_SLICE_MAX = 1024 * 1024

export interface ExecutionServiceDeps {
  readonly executions: ExecutionRepository
  readonly packs: PackRepository
  readonly runtimes: RuntimeRepository
  readonly versions: RuntimeVersionRepository
  readonly envs: EnvService
  readonly events: EventBus
  readonly launch: ProcessLauncher
  readonly executionsDir: string
  readonly runtimeEnvsDir: string
  readonly locate: (command: string) => string | null
  readonly maxConcurrentRuns?: number
  /** `ATTUNE_WORKER_RUNTIMES` as parsed; null when unset. Actions of runtimes it leaves out do not run. */
  readonly runtimeFilter?: readonly string[] | null
}

/** Where a run came from, beyond its action and parameters. */
interface Origin {
  readonly matrixId?: number | null
  readonly rerunOf?: number | null
}

/**
 * One-off runs, exactly as the worker's executor would make them (spec §2.4, §5, seed §1–3): the
 * version resolved, the env made usable, the process run, the outcome classified (spec §5.12) and
 * kept with its logs. Runs are recorded before anything spawns; a crash leaves them `abandoned`.
 */
export class ExecutionService {
  private readonly controllers = new Map<number, AbortController>()
  private readonly finished = new Map<number, Promise<void>>()
  /** The output of runs someone {@link wait}s for, as captured, so their view need not read the logs back. */
  private readonly captured = new Map<number, { readonly stdout: string; readonly stderr: string } | null>()
  private active = 0
  private readonly queue: (() => void)[] = []
  private disposed = false
  /** Run ends the database refused (disk full): shown as if recorded, written as soon as it takes them. */
  private readonly unrecorded = new Map<number, { readonly end: ExecutionFinish; readonly finishedAt: string; readonly why: string }>()

  constructor(private readonly deps: ExecutionServiceDeps) {}

  /**
   * The engine is closing: cancel every run still requested or running here (their process groups get
   * SIGTERM, then SIGKILL after the grace period, spec §5.10), record them cancelled while the database
   * is still open, and write nothing more afterwards. Without this a closing app orphans its actions.
   */
  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    for (const [id, controller] of this.controllers) {
      controller.abort()
      const record = this.deps.executions.get(id)
      if (!record || record.finishedAt !== null) continue
      const durationMs = record.startedAt === null ? null : Date.now() - Date.parse(record.startedAt)
      this.finish(id, { ...failedEnd(CLOSED_MESSAGE), status: 'cancelled', durationMs })
      this.updated(this.record(id))
    }
  }

  /** Runs a previous session left unfinished can never finish: mark them `abandoned`, logs kept. */
  abandonLeftovers(): number {
    const ids = this.deps.executions.abandonUnfinished()
    for (const id of ids) writeFinalStatusSync(this.deps.executionsDir, id, 'abandoned')
    // Their actions lost the engine that would have ended them: no process of theirs outlives it.
    reapOrphanedRunsSync(ids, this.deps.runtimeEnvsDir)
    return ids.length
  }

  /**
   * Record and start a run; returns at once with the execution. Bad input (unknown action, invalid
   * parameters, an unusable `--version`) is refused before anything is recorded or spawned.
   */
  start(actionRef: string, parameters: Readonly<Record<string, unknown>>, options: RunOptions = {}, origin: Origin = {}): ExecutionView {
    if (this.disposed) throw new WorkbenchError('environment', 'the workbench is closing; start the run again once it is open')
    this.flushUnrecorded()
    const action = this.findAction(actionRef)
    const runtime = this.runtimeOf(action)
    const values = this.checkParameters(action, parameters)
    // service.rs registers no ProcessRuntime for a runtime the filter leaves out: its actions fail there.
    const unclaimed = unclaimedByFilter(runtime, this.deps.runtimeFilter ?? null)
    if (unclaimed !== null) return this.recordFailure(action, runtime, values, options, origin, `${unclaimed}: its actions do not run here`)
    const rows = this.deps.versions.listByRuntime(runtime.id)
    let resolution: RunResolution
    try {
      resolution = resolveRunVersion(runtime, rows, action.runtimeVersion, options)
    } catch (error) {
      // Strict mode turns "nothing matches" into a failed run, recorded like any other.
      if (error instanceof WorkbenchError && error.kind === 'environment' && options.strict && !options.version) {
        return this.recordFailure(action, runtime, values, options, origin, error.message)
      }
      throw error
    }
    const record = this.createRecord(action, runtime, values, options, origin, resolution)
    this.updated(record)
    const controller = new AbortController()
    this.controllers.set(record.id, controller)
    const done = this.whenSlotFree(controller.signal)
      .then(() => this.execute(record, action, runtime, resolution, values, options, controller.signal))
      .catch((error: unknown) => this.crash(record, error))
      .finally(() => {
        this.controllers.delete(record.id)
        this.finished.delete(record.id)
        this.release()
      })
    this.finished.set(record.id, done)
    return this.get(record.id, false)
  }

  /** Start a run and wait for its end. */
  async run(actionRef: string, parameters: Readonly<Record<string, unknown>>, options: RunOptions = {}): Promise<ExecutionView> {
    const started = this.start(actionRef, parameters, options)
    return this.wait(started.id)
  }

  /** Wait until an execution has finished and return it with its output. */
  async wait(id: number): Promise<ExecutionView> {
    const waiting = this.finished.get(id)
    if (waiting === undefined) return this.get(id, true)
    if (!this.captured.has(id)) this.captured.set(id, null)
    await waiting
    const output = this.captured.get(id) ?? null
    this.captured.delete(id)
    return toExecutionView(this.record(id), this.deps.executionsDir, output ?? true)
  }

  /**
   * Cancel a requested or running execution; false if it is not running here. `by` names who asked (`the
   * UI`, `the CLI (Ctrl-C)`); the run's error then says so instead of a bare exit code.
   */
  cancel(id: number, by = 'user'): boolean {
    const controller = this.controllers.get(id)
    if (!controller) return false
    controller.abort(`Execution cancelled by ${by}`)
    return true
  }

  /**
   * A new run with the same action, parameters and version choice. Secret values are never stored,
   * so they must be given again. `replacement`, when given, stands in for the stored parameters (the run
   * form opened with the previous values and changed).
   */
  rerun(id: number, secrets: Readonly<Record<string, unknown>> = {}, replacement?: Readonly<Record<string, unknown>>): ExecutionView {
    const previous = this.record(id)
    const action = this.findAction(previous.actionRef)
    const parameters: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(replacement ?? previous.parameters)) {
      if (replacement !== undefined || action.parameters[key]?.secret !== true) parameters[key] = value
    }
    return this.start(previous.actionRef, { ...parameters, ...secrets }, previous.options, { rerunOf: id })
  }

  get(id: number, withOutput = true): ExecutionView {
    return toExecutionView(this.record(id), this.deps.executionsDir, withOutput)
  }

  list(filter: ExecutionFilter = {}): ExecutionView[] {
    return this.deps.executions.list(filter).map((record) => toExecutionView(this.withUnrecorded(record), this.deps.executionsDir, false))
  }

  /** A slice of a log from `offset`, for tailing; `done` once the run ended and the end was read. */
  log(id: number, stream: 'stdout' | 'stderr', offset = 0): { text: string; nextOffset: number; done: boolean; size: number } {
    const record = this.record(id)
    const running = this.controllers.has(id)
    const slice = readSliceSync(executionLogPaths(this.deps.executionsDir, id)[stream], offset, LOG_SLICE_MAX)
    return { ...slice, done: !running && record.status !== 'requested' && record.status !== 'running' && slice.nextOffset >= slice.size }
  }

  /** Everything `start` refuses up front (unknown action, no runtime, invalid parameters), without recording. */
  check(actionRef: string, parameters: Readonly<Record<string, unknown>>): void {
    const action = this.findAction(actionRef)
    this.runtimeOf(action)
    this.checkParameters(action, parameters)
  }

  /** The action, or a clear error naming it. */
  findAction(actionRef: string): ActionDefinition {
    const ref = actionRef.trim().toLowerCase()
    const action = this.deps.packs.findAction(ref)
    if (action) return action
    const all = this.deps.packs.listActions().map((a) => a.ref)
    // The nearest by edit distance first (a typo such as `mypack.gret`), then the same pack or the same name.
    const closest = closestName(ref, all)
    const related = all.filter((candidate) => candidate !== closest && (candidate.endsWith(`.${ref.split('.').pop()}`) || candidate.startsWith(`${ref.split('.')[0]}.`)))
    const near = closest === null ? related : [closest, ...related]
    throw badInput(`unknown action '${actionRef}'${near.length ? ` (did you mean ${near.slice(0, 5).join(', ')}?)` : all.length ? ` (known actions: ${all.slice(0, 10).join(', ')})` : ' (no packs registered: packs add DIR)'}`)
  }

  private runtimeOf(action: ActionDefinition): RuntimeRecord {
    if (!action.enabled) throw badInput(`action '${action.ref}' is disabled (enabled: false in ${action.file})`)
    if (action.runtimeRef === null) {
      throw badInput(
        action.workflowFile
          ? `action '${action.ref}' is a workflow (${action.workflowFile}); the workbench runs only actions with a runtime`
          : `action '${action.ref}' has no runtime: runner_type '${action.runnerType}' names none (see packs list for the problem)`
      )
    }
    const runtime = this.deps.runtimes.findByRef(action.runtimeRef)
    if (!runtime) throw badInput(`action '${action.ref}' uses runtime '${action.runtimeRef}', which is not loaded`)
    this.checkEntryPoint(action, runtime.ref)
    return runtime
  }

  /** Refuse an action whose entry point has an error, as loaded or as the disk is now (issue 9 finding 6). */
  checkEntryPoint(action: ActionDefinition, runtimeRef: string): void {
    const pack = this.deps.packs.findByRef(packOf(action))
    const problem = pack ? entryPointProblemSync(action, pack.dir, runtimeRef) : null
    if (problem !== null) throw badInput(problem)
  }

  private checkParameters(action: ActionDefinition, parameters: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const values = applyDefaults(action.parameters, parameters)
    // Checks see each exact number as its nearest double; the run gets the exact text (worker-numbers.ts).
    const { errors } = validateParameters(action.parameters, plainParameters(values))
    if (errors.length > 0) throw badInput(`invalid parameters for ${action.ref}: ${errors.map((issue) => issue.message).join('; ')}`)
    return values
  }

  /** The execution row, recorded before anything spawns; stored parameters never hold a secret. */
  private createRecord(
    action: ActionDefinition,
    runtime: RuntimeRecord,
    values: Record<string, unknown>,
    options: RunOptions,
    origin: Origin,
    resolution: RunResolution | null
  ): ExecutionRecord {
    return this.deps.executions.create({
      actionRef: action.ref,
      packRef: packOf(action),
      parameters: plainParameters(redactParameters(action, values)),
      options,
      runtimeRef: runtime.ref,
      constraint: action.runtimeVersion,
      selectedVersion: resolution?.selected?.version ?? null,
      resolution: resolution?.resolution ?? null,
      fallback: resolution?.fallback ?? null,
      warnings: resolution?.fallback ? [resolution.fallback] : [],
      matrixId: origin.matrixId ?? null,
      rerunOf: origin.rerunOf ?? null
    })
  }

  private recordFailure(action: ActionDefinition, runtime: RuntimeRecord, values: Record<string, unknown>, options: RunOptions, origin: Origin, message: string): ExecutionView {
    const record = this.createRecord(action, runtime, values, options, origin, null)
    this.finish(record.id, failedEnd(message))
    this.updated(this.record(record.id))
    return this.get(record.id, true)
  }

  private async execute(
    record: ExecutionRecord,
    action: ActionDefinition,
    runtime: RuntimeRecord,
    resolution: RunResolution,
    values: Record<string, unknown>,
    options: RunOptions,
    signal: AbortSignal
  ): Promise<void> {
    if (this.disposed) return
    const logs = executionLogPaths(this.deps.executionsDir, record.id)
    mkdirSync(logs.dir, { recursive: true, mode: 0o700 })
    writeFileSync(logs.stdout, '', { mode: 0o600 })
    writeFileSync(logs.stderr, '', { mode: 0o600 })
    if (signal.aborted) {
      this.finish(record.id, { ...failedEnd(cancelMessage(signal) ?? 'Execution cancelled by user'), status: 'cancelled' })
      this.updated(this.record(record.id))
      return
    }
    const pack = this.deps.packs.findByRef(packOf(action))
    if (!pack) throw new WorkbenchError('bad-input', `pack '${packOf(action)}' of action '${action.ref}' is no longer registered`)
    const warnings = [...record.warnings]
    const selected = resolution.selected
    const spec = envSpecFor(pack, runtime, selected, this.deps.runtimeEnvsDir, this.deps.locate)
    const baseSpec = envSpecFor(pack, runtime, null, this.deps.runtimeEnvsDir, this.deps.locate)
    // Its env folder would be another runtime's: running there would use that runtime's env.
    const clash = envNeededSync(spec) || envNeededSync(baseSpec) ? this.deps.envs.clashOf(pack.ref, runtime.ref) : null
    if (clash !== null) {
      this.finish(record.id, failedEnd(`the ${spec.runtimeName} environment is not built: ${clash}`))
      this.updated(this.record(record.id))
      return
    }
    // The clash was looked for just above.
    const env = await this.deps.envs.ensureForRun(pack, runtime, selected, undefined, true).catch((error: unknown) => {
      warnings.push(`environment setup failed: ${error instanceof Error ? error.message : String(error)}`)
      return null
    })
    if (this.disposed) return
    const difference = runDifferences({
      options: record.options,
      selected: selected === null ? null : { interpreter: selected.interpreter, source: selected.source, binary: selected.executionConfig.interpreter?.binary ?? '' },
      envRebuiltFrom: env?.action === 'built' ? env.before : undefined
    })
    if (difference !== null) warnings.push(difference)
    const envIncomplete = env !== null && env.status !== 'ready'
    if (envIncomplete) warnings.push(envWarning(env))
    const envDir = envNeededSync(spec) ? spec.envDir : null
    const baseEnvDir = envNeededSync(baseSpec) ? baseSpec.envDir : null
    this.deps.executions.markRunning(record.id, {
      interpreter: env?.interpreter ?? spec.config.interpreter?.binary ?? null,
      envDir,
      depsHash: env?.depsHash ?? null,
      warnings,
      fallback: record.fallback,
      envIncomplete
    })
    this.updated(this.record(record.id))
    // Checked again just before the spawn: the pack may have changed during env setup.
    const entryProblem = entryPointProblemSync(action, pack.dir, runtime.ref)
    if (entryProblem !== null) {
      this.finish(record.id, failedEnd(entryProblem))
      this.updated(this.record(record.id))
      return
    }
    const result = await this.deps.launch({
      executionId: record.id,
      action,
      pack: { ref: pack.ref, dir: pack.dir },
      runtimeName: spec.runtimeName,
      config: spec.config,
      baseConfig: baseSpec.config,
      // process.rs `ProcessRuntime::execute`: a selected version gets `{pack}/{runtime}-{version}` whether or
      // not its config has an `environment`, and a fallback to the base config stays in that dir.
      envDir: selected !== null ? spec.envDir : envDir,
      baseEnvDir: baseEnvDir ?? envDirFor(this.deps.runtimeEnvsDir, pack.ref, spec.runtimeName, null),
      isOverride: selected !== null,
      parameters: values,
      ...(options.env && { executionEnv: options.env }),
      ...(options.context && { context: options.context }),
      ...(options.apiUrl && { apiUrl: options.apiUrl }),
      ...(options.apiToken && { apiToken: true }),
      timeoutSeconds: timeoutFor(options, action),
      runtimeEnvsDir: this.deps.runtimeEnvsDir,
      artifactsDir: logs.dir,
      logs,
      signal,
      onOutput: (stream, text) => this.deps.events.emit('log.chunk', { id: record.id, stream, text }),
      ensureEnv: async (which) => {
        if (which === 'version') await this.deps.envs.ensureForRun(pack, runtime, selected, undefined, true)
        else await this.deps.envs.ensureForRun(pack, runtime, null, selected !== null ? spec.envDir : undefined, true)
      }
    })
    if (this.disposed) return
    const status = classify(result, signal)
    this.finish(record.id, {
      status,
      exitCode: result.exitCode,
      result: result.result ?? null,
      stdoutParsed: result.stdoutParsed,
      stdoutTruncated: result.stdoutTruncated,
      stderrTruncated: result.stderrTruncated,
      error: status === 'cancelled' ? (cancelMessage(signal) ?? result.error) : result.error,
      durationMs: result.durationMs,
      interpreter: result.interpreter,
      // A selected version whose interpreter is gone runs the base config in the version's env dir (process.rs).
      envDir: selected !== null && result.configUsed === 'base' ? (baseEnvDir === null ? null : spec.envDir) : envDir,
      fallback: result.fallback ?? record.fallback,
      warnings: [...warnings, ...result.warnings, ...notParsedWarning(action, status, result)]
    })
    if (this.captured.has(record.id) && result.output !== undefined) this.captured.set(record.id, result.output)
    this.updated(this.record(record.id))
  }

  /** An unexpected failure still ends the run, in words; this never throws (nobody may be waiting). */
  private crash(record: ExecutionRecord, error: unknown): void {
    if (this.disposed) return
    const known = error instanceof WorkbenchError ? error : storageError(error)
    const message = known ? `Action execution failed: ${known.message}` : `Action execution failed: ${error instanceof Error ? error.message : String(error)}`
    try {
      this.finish(record.id, failedEnd(message))
      this.updated(this.record(record.id))
    } catch {
      // The database cannot even be read: the next engine to open the home marks the run abandoned.
    }
  }

  /**
   * Record a run's end. When the database refuses it for lack of space (or another storage fault) the
   * end is kept in memory, shown as if recorded, and written by the next call that can; a run never
   * stays `running` in this session because its end could not be stored.
   */
  private finish(id: number, end: ExecutionFinish): void {
    this.flushUnrecorded()
    try {
      this.deps.executions.finish(id, end)
      this.unrecorded.delete(id)
    } catch (error) {
      const storage = storageError(error)
      if (storage === null) throw error
      this.unrecorded.set(id, { end, finishedAt: new Date().toISOString(), why: storage.message })
    }
  }

  private flushUnrecorded(): void {
    for (const [id, { end }] of this.unrecorded) {
      try {
        this.deps.executions.finish(id, end)
      } catch {
        return
      }
      this.unrecorded.delete(id)
    }
  }

  private withUnrecorded(record: ExecutionRecord): ExecutionRecord {
    const pending = this.unrecorded.get(record.id)
    if (!pending) return record
    const { end, finishedAt, why } = pending
    return {
      ...record,
      ...end,
      interpreter: end.interpreter === undefined ? record.interpreter : end.interpreter,
      envDir: end.envDir === undefined ? record.envDir : end.envDir,
      fallback: end.fallback === undefined ? record.fallback : end.fallback,
      warnings: [...(end.warnings ?? record.warnings), `this run's end is not in the database yet (${why}); it is written once the disk has room`],
      finishedAt
    }
  }

  private record(id: number): ExecutionRecord {
    const record = this.deps.executions.get(id)
    if (!record) throw badInput(`unknown execution ${id}`)
    return this.withUnrecorded(record)
  }

  private updated(record: ExecutionRecord): void {
    if (record.finishedAt !== null) writeFinalStatusSync(this.deps.executionsDir, record.id, record.status)
    this.deps.events.emit('execution.updated', { id: record.id, action: record.actionRef, status: record.status, matrixId: record.matrixId })
  }

  private whenSlotFree(signal: AbortSignal): Promise<void> {
    if (this.active < (this.deps.maxConcurrentRuns ?? DEFAULT_MAX_CONCURRENT_RUNS)) {
      this.active++
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      const grant = (): void => {
        this.active++
        resolve()
      }
      this.queue.push(grant)
      signal.addEventListener('abort', () => {
        const index = this.queue.indexOf(grant)
        if (index >= 0) {
          this.queue.splice(index, 1)
          grant()
        }
      })
    })
  }

  private release(): void {
    this.active--
    this.queue.shift()?.()
  }
}

/** Spec §5.12: cancelled, then timeout, then success, else failed. */
function classify(result: LaunchResult, signal: AbortSignal): ExecutionStatus {
  if (signal.aborted || result.cancelled || (result.error ?? '').includes('cancelled')) return 'cancelled'
  if (result.timedOut) return 'timeout'
  if (result.exitCode === 0 && result.error === null) return 'completed'
  return 'failed'
}

function failedEnd(message: string) {
  return { status: 'failed' as const, exitCode: null, result: null, stdoutParsed: false, stdoutTruncated: false, stderrTruncated: false, error: message, durationMs: 0 }
}

/** Spec §5.2: the run's timeout, else the action's, else 600 s; values ≤ 0 are skipped. */
export function timeoutFor(options: RunOptions, action: ActionDefinition): number {
  for (const candidate of [options.timeoutSeconds, action.timeoutSeconds]) {
    if (typeof candidate === 'number' && candidate > 0) return candidate
  }
  return DEFAULT_TIMEOUT_SECONDS
}

function packOf(action: ActionDefinition): string {
  return action.ref.split('.')[0] ?? action.ref
}

/** Stored parameters never hold a secret value. */
export function redactParameters(action: ActionDefinition, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const secrets = new Set(secretNames(action.parameters))
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, secrets.has(key) ? SECRET_MASK : value]))
}
