import type { ExecutionStatus, RunOptions } from '../../../shared/domain/execution'
import type { Resolution } from '../../../shared/domain/runtime'
import type { Db } from './database'
import { Statements } from './statements'
import { now, parseJson } from './json-columns'

/** An `execution` row with its JSON columns parsed. */
export interface ExecutionRecord {
  readonly id: number
  readonly actionRef: string
  readonly packRef: string
  readonly status: ExecutionStatus
  readonly parameters: Readonly<Record<string, unknown>>
  readonly options: RunOptions
  readonly runtimeRef: string | null
  readonly constraint: string | null
  readonly selectedVersion: string | null
  readonly resolution: Resolution | null
  readonly fallback: string | null
  readonly warnings: readonly string[]
  readonly interpreter: string | null
  readonly envDir: string | null
  readonly depsHash: string | null
  /** The run started with an env that was not ready (its last build failed). */
  readonly envIncomplete: boolean
  readonly exitCode: number | null
  readonly result: unknown
  readonly stdoutParsed: boolean
  readonly stdoutTruncated: boolean
  readonly stderrTruncated: boolean
  readonly error: string | null
  readonly durationMs: number | null
  readonly matrixId: number | null
  readonly rerunOf: number | null
  readonly createdAt: string
  readonly startedAt: string | null
  readonly finishedAt: string | null
}

export interface NewExecution {
  readonly actionRef: string
  readonly packRef: string
  readonly parameters: Readonly<Record<string, unknown>>
  readonly options: RunOptions
  readonly runtimeRef: string | null
  readonly constraint: string | null
  readonly selectedVersion: string | null
  readonly resolution: Resolution | null
  readonly fallback: string | null
  readonly warnings: readonly string[]
  readonly matrixId: number | null
  readonly rerunOf: number | null
}

/** What a run's start records. */
export interface ExecutionStart {
  readonly interpreter: string | null
  readonly envDir: string | null
  readonly depsHash: string | null
  readonly warnings: readonly string[]
  readonly fallback: string | null
  /** See {@link ExecutionRecord.envIncomplete}. */
  readonly envIncomplete?: boolean
}

/** What a run's end records. */
export interface ExecutionFinish {
  readonly status: ExecutionStatus
  readonly exitCode: number | null
  readonly result: unknown
  readonly stdoutParsed: boolean
  readonly stdoutTruncated: boolean
  readonly stderrTruncated: boolean
  readonly error: string | null
  readonly durationMs: number | null
  readonly interpreter?: string | null
  /** The env dir of the config that actually ran, when it differs from the one recorded at the start. */
  readonly envDir?: string | null
  readonly fallback?: string | null
  readonly warnings?: readonly string[]
}

export interface ExecutionFilter {
  readonly action?: string
  readonly status?: ExecutionStatus
  readonly matrixId?: number
  readonly limit?: number
  /** Rows with an id below this (paging from newest). */
  readonly before?: number
}

type Row = Record<string, unknown>

/** The `execution` and `matrix_run` tables. */
export class ExecutionRepository {
  private readonly db: Statements

  constructor(db: Db) {
    // Nothing cached reads the execution history: its writes (three per run) leave the caches be.
    this.db = new Statements(db, { invalidates: false })
  }

  create(input: NewExecution): ExecutionRecord {
    const info = this.db
      .prepare(
        `INSERT INTO execution (action_ref, pack_ref, status, parameters, options, runtime_ref, constraint_text,
                                selected_version, resolution, fallback, warnings, matrix_id, rerun_of, created_at)
         VALUES (@actionRef, @packRef, 'requested', @parameters, @options, @runtimeRef, @constraint, @selectedVersion,
                 @resolution, @fallback, @warnings, @matrixId, @rerunOf, @now)`
      )
      .run({
        ...input,
        parameters: JSON.stringify(input.parameters),
        options: JSON.stringify(input.options),
        resolution: input.resolution ? JSON.stringify(input.resolution) : null,
        warnings: JSON.stringify(input.warnings),
        now: now()
      })
    return this.get(Number(info.lastInsertRowid)) as ExecutionRecord
  }

  markRunning(id: number, start: ExecutionStart): void {
    this.db
      .prepare(
        `UPDATE execution SET status = 'running', started_at = ?, interpreter = ?, env_dir = ?, deps_hash = ?,
                warnings = ?, fallback = ?, env_incomplete = ? WHERE id = ?`
      )
      .run(now(), start.interpreter, start.envDir, start.depsHash, JSON.stringify(start.warnings), start.fallback, start.envIncomplete ? 1 : 0, id)
  }

  /** Record a run's end; a field the end leaves out (or, for interpreter and fallback, leaves null) keeps its value. */
  finish(id: number, end: ExecutionFinish): void {
    this.db
      .prepare(
        `UPDATE execution SET status = @status, exit_code = @exitCode, result = @result, stdout_parsed = @stdoutParsed,
                stdout_truncated = @stdoutTruncated, stderr_truncated = @stderrTruncated, error = @error,
                duration_ms = @durationMs, interpreter = coalesce(@interpreter, interpreter),
                env_dir = CASE WHEN @keepEnvDir THEN env_dir ELSE @envDir END, fallback = coalesce(@fallback, fallback),
                warnings = coalesce(@warnings, warnings), finished_at = @now WHERE id = @id`
      )
      .run({
        id,
        status: end.status,
        exitCode: end.exitCode,
        result: end.result === null || end.result === undefined ? null : JSON.stringify(end.result),
        stdoutParsed: end.stdoutParsed ? 1 : 0,
        stdoutTruncated: end.stdoutTruncated ? 1 : 0,
        stderrTruncated: end.stderrTruncated ? 1 : 0,
        error: end.error,
        durationMs: end.durationMs,
        interpreter: end.interpreter ?? null,
        keepEnvDir: end.envDir === undefined ? 1 : 0,
        envDir: end.envDir ?? null,
        fallback: end.fallback ?? null,
        warnings: end.warnings === undefined ? null : JSON.stringify(end.warnings),
        now: now()
      })
  }

  /** Runs left `requested` or `running` by a session that died: they can never finish now. Returns their ids. */
  abandonUnfinished(): number[] {
    const ids = (this.db.prepare("SELECT id FROM execution WHERE status IN ('requested', 'running')").all() as { id: number }[]).map((row) => row.id)
    this.db
      .prepare(
        `UPDATE execution SET status = 'abandoned', finished_at = ?,
                error = coalesce(error, 'The workbench stopped while this run was in progress.')
         WHERE status IN ('requested', 'running')`
      )
      .run(now())
    return ids
  }

  get(id: number): ExecutionRecord | null {
    const row = this.db.prepare('SELECT * FROM execution WHERE id = ?').get(id) as Row | undefined
    return row ? toRecord(row) : null
  }

  /** Newest first. */
  list(filter: ExecutionFilter = {}): ExecutionRecord[] {
    const where: string[] = []
    const params: Record<string, unknown> = { limit: filter.limit ?? 50 }
    if (filter.action) {
      where.push('action_ref = @action')
      params.action = filter.action
    }
    if (filter.status) {
      where.push('status = @status')
      params.status = filter.status
    }
    if (filter.matrixId !== undefined) {
      where.push('matrix_id = @matrixId')
      params.matrixId = filter.matrixId
    }
    if (filter.before !== undefined) {
      where.push('id < @before')
      params.before = filter.before
    }
    const sql = `SELECT * FROM execution ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`
    return (this.db.prepare(sql).all(params) as Row[]).map(toRecord)
  }

  createMatrix(actionRef: string, parameters: Readonly<Record<string, unknown>>, skipped: readonly { version: string; reason: string }[]): number {
    const info = this.db
      .prepare('INSERT INTO matrix_run (action_ref, parameters, skipped, created_at) VALUES (?, ?, ?, ?)')
      .run(actionRef, JSON.stringify(parameters), JSON.stringify(skipped), now())
    return Number(info.lastInsertRowid)
  }

  finishMatrix(id: number): void {
    this.db.prepare('UPDATE matrix_run SET finished_at = ? WHERE id = ?').run(now(), id)
  }

  getMatrix(id: number): { id: number; actionRef: string; skipped: { version: string; reason: string }[] } | null {
    const row = this.db.prepare('SELECT id, action_ref, skipped FROM matrix_run WHERE id = ?').get(id) as { id: number; action_ref: string; skipped: string } | undefined
    return row ? { id: row.id, actionRef: row.action_ref, skipped: parseJson(row.skipped, []) } : null
  }
}

function toRecord(row: Row): ExecutionRecord {
  const text = (key: string): string | null => (row[key] === null || row[key] === undefined ? null : String(row[key]))
  const int = (key: string): number | null => (row[key] === null || row[key] === undefined ? null : Number(row[key]))
  return {
    id: Number(row.id),
    actionRef: String(row.action_ref),
    packRef: String(row.pack_ref),
    status: row.status as ExecutionStatus,
    parameters: parseJson(String(row.parameters), {}),
    options: parseJson(String(row.options), {}),
    runtimeRef: text('runtime_ref'),
    constraint: text('constraint_text'),
    selectedVersion: text('selected_version'),
    resolution: row.resolution ? parseJson(String(row.resolution), null) : null,
    fallback: text('fallback'),
    warnings: parseJson(String(row.warnings), []),
    interpreter: text('interpreter'),
    envDir: text('env_dir'),
    depsHash: text('deps_hash'),
    envIncomplete: row.env_incomplete === 1,
    exitCode: int('exit_code'),
    result: row.result ? parseJson(String(row.result), null) : null,
    stdoutParsed: row.stdout_parsed === 1,
    stdoutTruncated: row.stdout_truncated === 1,
    stderrTruncated: row.stderr_truncated === 1,
    error: text('error'),
    durationMs: int('duration_ms'),
    matrixId: int('matrix_id'),
    rerunOf: int('rerun_of'),
    createdAt: String(row.created_at),
    startedAt: text('started_at'),
    finishedAt: text('finished_at')
  }
}
