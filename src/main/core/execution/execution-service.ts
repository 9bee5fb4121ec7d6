import type { ExecutionView, RunOptions } from '../../../shared/domain/execution'
import type { ActionDefinition } from '../../../shared/domain/pack'
import type { EnvService } from '../envs/env-service'
import { storageError, WorkbenchError } from '../errors'
import type { EventBus } from '../events'
import type { ExecutionFilter, ExecutionRecord, ExecutionRepository } from '../store/execution-repository'
import type { PackRepository } from '../store/pack-repository'
import type { RuntimeRecord, RuntimeRepository } from '../store/runtime-repository'
import type { RuntimeVersionRepository } from '../store/runtime-version-repository'
import { unclaimedByFilter } from '../verify/runtime-filter'
import { executeRun, type RunContext } from './execute-run'
import type { ProcessLauncher } from './execution-launch'
import { clearRunFolderSync, executionLogPaths, readSliceSync, toExecutionView, writeFinalStatusSync } from './execution-views'
import { resolveRunVersion, type RunResolution } from './executor-resolution'
import { plainParameters } from './parameters/worker-numbers'
import { reapOrphanedRunsSync } from './process/orphan-reaper'
import { failedEnd, RunLedger } from './run-ledger'
import { checkEntryPoint, checkParameters, findAction, packOf, redactParameters, runtimeOf } from './run-request'
import { RunSlots } from './run-slots'

const CLOSED_MESSAGE = 'Execution cancelled: the workbench closed while it was in progress'

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
 * The run itself is `executeRun`; its rows and their announcements are the {@link RunLedger}.
 */
export class ExecutionService {
  private readonly controllers = new Map<number, AbortController>()
  private readonly finished = new Map<number, Promise<void>>()
  /** The output of runs someone {@link wait}s for, as captured, so their view need not read the logs back. */
  private readonly captured = new Map<number, { readonly stdout: string; readonly stderr: string } | null>()
  private readonly slots: RunSlots
  private readonly ledger: RunLedger
  private readonly context: RunContext
  private disposed = false

  constructor(private readonly deps: ExecutionServiceDeps) {
    this.slots = new RunSlots(deps.maxConcurrentRuns ?? DEFAULT_MAX_CONCURRENT_RUNS)
    this.ledger = new RunLedger(deps.executions, deps.events, deps.executionsDir)
    this.context = {
      deps,
      ledger: this.ledger,
      disposed: () => this.disposed,
      captured: (id, output) => {
        if (this.captured.has(id)) this.captured.set(id, output)
      }
    }
  }

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
      this.ledger.end(id, { ...failedEnd(CLOSED_MESSAGE), status: 'cancelled', durationMs })
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
    this.ledger.flush()
    const action = this.findAction(actionRef)
    const runtime = runtimeOf(this.deps.packs, this.deps.runtimes, action)
    const values = checkParameters(action, parameters)
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
    this.ledger.updated(record)
    const controller = new AbortController()
    this.controllers.set(record.id, controller)
    const plan = { record, action, runtime, resolution, values, options }
    const done = this.slots
      .whenFree(controller.signal)
      .then(() => executeRun(this.context, plan, controller.signal))
      .catch((error: unknown) => this.crash(record, error))
      .finally(() => {
        this.controllers.delete(record.id)
        this.finished.delete(record.id)
        this.slots.release()
      })
    this.finished.set(record.id, done)
    return toExecutionView(record, this.deps.executionsDir, false)
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
    return toExecutionView(this.ledger.record(id), this.deps.executionsDir, output ?? true)
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
    const previous = this.ledger.record(id)
    const action = this.findAction(previous.actionRef)
    const parameters: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(replacement ?? previous.parameters)) {
      if (replacement !== undefined || action.parameters[key]?.secret !== true) parameters[key] = value
    }
    return this.start(previous.actionRef, { ...parameters, ...secrets }, previous.options, { rerunOf: id })
  }

  get(id: number, withOutput = true): ExecutionView {
    return toExecutionView(this.ledger.record(id), this.deps.executionsDir, withOutput)
  }

  list(filter: ExecutionFilter = {}): ExecutionView[] {
    return this.ledger.list(filter).map((record) => toExecutionView(record, this.deps.executionsDir, false))
  }

  /** A slice of a log from `offset`, for tailing; `done` once the run ended and the end was read. */
  log(id: number, stream: 'stdout' | 'stderr', offset = 0): { text: string; nextOffset: number; done: boolean; size: number } {
    const record = this.ledger.record(id)
    const running = this.controllers.has(id)
    const slice = readSliceSync(executionLogPaths(this.deps.executionsDir, id)[stream], offset, LOG_SLICE_MAX)
    return { ...slice, done: !running && record.status !== 'requested' && record.status !== 'running' && slice.nextOffset >= slice.size }
  }

  /** Everything `start` refuses up front (unknown action, no runtime, invalid parameters), without recording. */
  check(actionRef: string, parameters: Readonly<Record<string, unknown>>): void {
    const action = this.findAction(actionRef)
    runtimeOf(this.deps.packs, this.deps.runtimes, action)
    checkParameters(action, parameters)
  }

  /** The action, or a clear error naming it. */
  findAction(actionRef: string): ActionDefinition {
    return findAction(this.deps.packs, actionRef)
  }

  /** Refuse an action whose entry point has an error, as loaded or as the disk is now. */
  checkEntryPoint(action: ActionDefinition, runtimeRef: string): void {
    checkEntryPoint(this.deps.packs, action, runtimeRef)
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
    const record = this.deps.executions.create({
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
    clearRunFolderSync(this.deps.executionsDir, record.id)
    return record
  }

  private recordFailure(action: ActionDefinition, runtime: RuntimeRecord, values: Record<string, unknown>, options: RunOptions, origin: Origin, message: string): ExecutionView {
    const record = this.createRecord(action, runtime, values, options, origin, null)
    this.ledger.end(record.id, failedEnd(message))
    return this.get(record.id, true)
  }

  /** An unexpected failure still ends the run, in words; this never throws (nobody may be waiting). */
  private crash(record: ExecutionRecord, error: unknown): void {
    if (this.disposed) return
    const known = error instanceof WorkbenchError ? error : storageError(error)
    const message = known ? `Action execution failed: ${known.message}` : `Action execution failed: ${error instanceof Error ? error.message : String(error)}`
    try {
      this.ledger.end(record.id, failedEnd(message))
    } catch {
      // The database cannot even be read: the next engine to open the home marks the run abandoned.
    }
  }
}
