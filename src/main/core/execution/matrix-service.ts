import type { ExecutionView, MatrixEntry, MatrixView } from '../../../shared/domain/execution'
import { diffRuns } from '../../../shared/domain/result-diff'
import { badInput, WorkbenchError } from '../errors'
import type { ExecutionRepository } from '../store/execution-repository'
import type { RuntimeRepository } from '../store/runtime-repository'
import type { RuntimeVersionRepository } from '../store/runtime-version-repository'
import { explainSelection, sortLikeRepository } from '../versions'
import type { ExecutionService } from './execution-service'
import { redactParameters } from './run-request'
import { plainParameters } from './parameters/worker-numbers'

/** Which of the fitting versions to run, and how often each. */
export interface MatrixChoice {
  /** Versions to run (`3.12` or `3.12.4`, as listed); default every version that fits. */
  readonly versions?: readonly string[] | undefined
  /** Runs per version (for the spread of durations); default 1. */
  readonly repeat?: number | undefined
}

export interface MatrixServiceDeps {
  readonly executions: ExecutionService
  readonly repository: ExecutionRepository
  readonly runtimes: RuntimeRepository
  readonly versions: RuntimeVersionRepository
}

/**
 * One action across every version that fits: a run per enabled, available version satisfying the
 * action's constraint, each pinned to its version (and so to its env and interpreter). Versions that
 * do not fit are listed as skipped with the reason, never dropped; when none can run, the matrix fails.
 */
export class MatrixService {
  constructor(private readonly deps: MatrixServiceDeps) {}

  /** Record the matrix and start its runs; returns at once. */
  start(actionRef: string, parameters: Readonly<Record<string, unknown>>, choice: MatrixChoice = {}): MatrixView {
    const action = this.deps.executions.findAction(actionRef)
    if (action.runtimeRef === null) throw badInput(`action '${action.ref}' has no runtime to run a matrix over`)
    const runtime = this.deps.runtimes.findByRef(action.runtimeRef)
    if (!runtime) throw badInput(`action '${action.ref}' uses runtime '${action.runtimeRef}', which is not loaded`)
    this.deps.executions.checkEntryPoint(action, runtime.ref)
    const rows = sortLikeRepository(this.deps.versions.listByRuntime(runtime.id))
    if (rows.length === 0) throw new WorkbenchError('environment', `${runtime.name} has no versions: a matrix needs at least one (use run instead)`)
    const explained = explainSelection(
      rows.map((row) => ({ version: row.version, available: row.available, enabled: row.enabled, isDefault: row.isDefault, unavailableReason: row.reason })),
      action.runtimeVersion
    )
    if (!explained.valid) throw badInput(`the constraint '${action.runtimeVersion}' of ${action.ref} is invalid: ${explained.error}`)
    const fitting = explained.candidates.filter((c) => c.available && c.enabled && (c.matches === true || (action.runtimeVersion === null && c.matches !== false)))
    const runnable = chosen(fitting, choice.versions, explained.candidates.map((c) => c.version))
    const skipped = explained.candidates
      .filter((candidate) => !runnable.includes(candidate))
      .map((candidate) => ({ version: candidate.version, reason: fitting.includes(candidate) ? 'not chosen for this matrix' : skipReason(candidate, action.runtimeVersion) }))
    if (runnable.length === 0) {
      throw new WorkbenchError('environment', `no ${runtime.name} version can run ${action.ref}: ${skipped.map((s) => `${s.version} (${s.reason})`).join('; ')}`)
    }
    // Bad parameters fail the whole matrix up front, before anything is recorded.
    this.deps.executions.check(action.ref, parameters)
    const matrixId = this.deps.repository.createMatrix(action.ref, plainParameters(redactParameters(action, parameters)), skipped)
    for (let round = 0; round < (choice.repeat ?? 1); round++) {
      for (const candidate of runnable) {
        this.deps.executions.start(action.ref, parameters, { version: candidate.version }, { matrixId })
      }
    }
    return this.get(matrixId)
  }

  /** Start and wait for every run. */
  async run(actionRef: string, parameters: Readonly<Record<string, unknown>>, choice: MatrixChoice = {}): Promise<MatrixView> {
    return this.wait(this.start(actionRef, parameters, choice).id)
  }

  /** Wait for every run of a matrix, mark it finished and return it. */
  async wait(id: number): Promise<MatrixView> {
    await Promise.all(this.get(id).runs.map((run) => this.deps.executions.wait(run.id)))
    this.deps.repository.finishMatrix(id)
    return this.get(id)
  }

  get(id: number): MatrixView {
    const matrix = this.deps.repository.getMatrix(id)
    if (!matrix) throw badInput(`unknown matrix run ${id}`)
    const runs = this.deps.repository
      .list({ matrixId: id, limit: 1000 })
      .reverse()
      .map((record) => this.deps.executions.get(record.id, true))
    const reference = runs.find((run) => run.status === 'completed') ?? runs[0]
    const baseline = reference ? (reference.selectedVersion ?? '(base)') : null
    const entries: MatrixEntry[] = [
      ...runs.map((run) => {
        const diff = reference && baseline !== null && run !== reference && settled(run) ? diffRuns(baseline, reference, run) : null
        return { version: run.selectedVersion ?? '(base)', run, skipped: null, differs: diff !== null && !diff.same, diff }
      }),
      ...matrix.skipped.map((skip) => ({ version: skip.version, run: null, skipped: skip.reason, differs: false, diff: null }))
    ]
    const versions = runs.map((run) => run.selectedVersion ?? '(base)')
    return {
      id,
      action: matrix.actionRef,
      runs,
      entries,
      summary: {
        passed: runs.filter((run) => run.status === 'completed').length,
        failed: runs.filter((run) => run.status !== 'completed' && run.status !== 'requested' && run.status !== 'running').length,
        versions: [...new Set(versions)],
        skipped: matrix.skipped,
        resultsDiffer: entries.some((entry) => entry.differs),
        baseline,
        repeat: Math.max(1, ...[...new Set(versions)].map((version) => versions.filter((v) => v === version).length))
      }
    }
  }
}

function settled(run: ExecutionView): boolean {
  return run.status !== 'requested' && run.status !== 'running'
}

/**
 * The fitting candidates the user chose: each requested version must name one (`3.12` matches every
 * 3.12.x listed, `3.12.4` that one); a name that fits none is bad input listing those that do.
 */
function chosen<T extends { version: string }>(fitting: readonly T[], versions: readonly string[] | undefined, all: readonly string[]): T[] {
  if (versions === undefined || versions.length === 0) return [...fitting]
  const matches = (wanted: string, version: string): boolean => version === wanted || version.startsWith(`${wanted}.`)
  const unknown = versions.filter((wanted) => !fitting.some((candidate) => matches(wanted, candidate.version)))
  if (unknown.length > 0) {
    const why = unknown.map((wanted) => (all.some((version) => matches(wanted, version)) ? `${wanted} (does not fit or is unavailable)` : `${wanted} (not a version of this runtime)`))
    throw badInput(`cannot run ${why.join(', ')} in this matrix; the versions that fit are ${fitting.map((c) => c.version).join(', ') || 'none'}`)
  }
  return fitting.filter((candidate) => versions.some((wanted) => matches(wanted, candidate.version)))
}

function skipReason(candidate: { available: boolean; enabled: boolean; matches: boolean | null; reason: string }, constraint: string | null): string {
  if (!candidate.available) return candidate.reason
  if (!candidate.enabled) return 'disabled by the user'
  if (candidate.matches === false) return `does not satisfy '${constraint}'`
  return candidate.reason
}
