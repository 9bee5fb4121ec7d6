import type { ExecutionStatus } from '../../../shared/domain/execution'
import type { ExecutionFilter, ExecutionFinish, ExecutionRecord, ExecutionRepository } from '../store/execution-repository'
import { badInput, storageError } from '../errors'
import type { EventBus } from '../events'
import { writeFinalStatusSync } from './execution-views'

/** A run's end for a run that failed before (or instead of) its process: no exit code, no output. */
export function failedEnd(message: string) {
  return { status: 'failed' as const, exitCode: null, result: null, stdoutParsed: false, stdoutTruncated: false, stderrTruncated: false, error: message, durationMs: 0 }
}

/**
 * The execution rows as the rest of the engine sees them: ends recorded, each change announced. When the
 * database refuses an end for lack of space (or another storage fault) the end is kept in memory, shown as
 * if recorded, and written by the next call that can; a run never stays `running` in this session because
 * its end could not be stored.
 */
export class RunLedger {
  /** Run ends the database refused (disk full): shown as if recorded, written as soon as it takes them. */
  private readonly unrecorded = new Map<number, { readonly end: ExecutionFinish; readonly finishedAt: string; readonly why: string }>()

  constructor(
    private readonly executions: ExecutionRepository,
    private readonly events: EventBus,
    private readonly executionsDir: string
  ) {}

  /** Record a run's end. */
  finish(id: number, end: ExecutionFinish): void {
    this.flush()
    try {
      this.executions.finish(id, end)
      this.unrecorded.delete(id)
    } catch (error) {
      const storage = storageError(error)
      if (storage === null) throw error
      this.unrecorded.set(id, { end, finishedAt: new Date().toISOString(), why: storage.message })
    }
  }

  /** Record a run's end and announce it. */
  end(id: number, end: ExecutionFinish): void {
    this.finish(id, end)
    this.updated(this.record(id))
  }

  /** Write the ends the database refused earlier, in order, until it refuses again. */
  flush(): void {
    for (const [id, { end }] of this.unrecorded) {
      try {
        this.executions.finish(id, end)
      } catch {
        return
      }
      this.unrecorded.delete(id)
    }
  }

  /** The execution row with any end not yet written; a clear error for an unknown id. */
  record(id: number): ExecutionRecord {
    const record = this.executions.get(id)
    if (!record) throw badInput(`unknown execution ${id}`)
    return this.withUnrecorded(record)
  }

  list(filter: ExecutionFilter): ExecutionRecord[] {
    return this.executions.list(filter).map((record) => this.withUnrecorded(record))
  }

  /** Tell listeners a run changed; a finished run also gets its final status file. */
  updated(record: ExecutionRecord): void {
    this.announce(record, record.status, record.finishedAt !== null)
  }

  /** {@link updated} for a run whose new status is known, without reading its row back. */
  announce(run: Pick<ExecutionRecord, 'id' | 'actionRef' | 'matrixId'>, status: ExecutionStatus, finished: boolean): void {
    if (finished) writeFinalStatusSync(this.executionsDir, run.id, status)
    this.events.emit('execution.updated', { id: run.id, action: run.actionRef, status, matrixId: run.matrixId })
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
}
