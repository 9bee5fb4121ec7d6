import type { RuntimeExecutionConfig } from '../../../shared/domain/execution-config'
import type { InterpreterSource, VerificationDetail } from '../../../shared/domain/runtime'
import type { Db } from './database'
import { Statements } from './statements'
import { now, parseJson } from './json-columns'

/** A `runtime_version` row (spec §1.2) plus the workbench's columns. */
export interface RuntimeVersionRecord {
  readonly id: number
  readonly runtimeId: number
  readonly runtimeRef: string
  readonly version: string
  readonly major: number | null
  readonly minor: number | null
  readonly patch: number | null
  readonly executionConfig: RuntimeExecutionConfig
  readonly distributions: Readonly<Record<string, unknown>>
  readonly isDefault: boolean
  readonly available: boolean
  readonly verifiedAt: string | null
  readonly meta: Readonly<Record<string, unknown>>
  readonly enabled: boolean
  readonly interpreter: string | null
  readonly source: InterpreterSource | null
  readonly sourceDetail: string | null
  readonly verification: VerificationDetail | null
  readonly reason: string | null
}

export interface RuntimeVersionInput {
  readonly version: string
  readonly major: number | null
  readonly minor: number | null
  readonly patch: number | null
  readonly executionConfig: RuntimeExecutionConfig
  readonly distributions: Readonly<Record<string, unknown>>
  readonly isDefault: boolean
  readonly meta: Readonly<Record<string, unknown>>
}

/** The outcome of verifying one version, as stored. */
export interface VersionVerificationUpdate {
  readonly available: boolean
  readonly interpreter: string | null
  readonly source: InterpreterSource | null
  readonly sourceDetail: string | null
  readonly verification: VerificationDetail | null
  readonly reason: string | null
}

interface VersionRow {
  id: number
  runtime: number
  runtime_ref: string
  version: string
  version_major: number | null
  version_minor: number | null
  version_patch: number | null
  execution_config: string
  distributions: string
  is_default: number
  available: number
  verified_at: string | null
  meta: string
  enabled: number
  interpreter: string | null
  source: InterpreterSource | null
  source_detail: string | null
  verification: string | null
  reason: string | null
}

/** Spec §1.2: find_by_runtime orders major, minor, patch DESC, NULLS LAST; this order decides selection ties. */
const REPOSITORY_ORDER =
  'version_major DESC NULLS LAST, version_minor DESC NULLS LAST, version_patch DESC NULLS LAST, id'
const ACTIVE = 'v.retired_at IS NULL AND r.retired_at IS NULL'

/** The `runtime_version` table. */
export class RuntimeVersionRepository {
  private readonly db: Statements

  constructor(db: Db) {
    this.db = new Statements(db)
  }

  /**
   * Upsert by (runtime, version), spec §1.11: `available` and `verified_at` are preserved on update, new
   * rows start unavailable ("workers must verify first"), the user's `enabled` toggle is never touched.
   */
  upsert(runtimeId: number, runtimeRef: string, input: RuntimeVersionInput): void {
    this.db
      .prepare(
        `INSERT INTO runtime_version (runtime, runtime_ref, version, version_major, version_minor, version_patch,
                                      execution_config, distributions, is_default, meta, available)
         VALUES (@runtimeId, @runtimeRef, @version, @major, @minor, @patch, @executionConfig, @distributions,
                 @isDefault, @meta, 0)
         ON CONFLICT (runtime, version) DO UPDATE SET
           runtime_ref = excluded.runtime_ref, version_major = excluded.version_major,
           version_minor = excluded.version_minor, version_patch = excluded.version_patch,
           execution_config = excluded.execution_config, distributions = excluded.distributions,
           is_default = excluded.is_default, meta = excluded.meta, retired_at = NULL, updated = @now`
      )
      .run({
        runtimeId,
        runtimeRef,
        version: input.version,
        major: input.major,
        minor: input.minor,
        patch: input.patch,
        executionConfig: JSON.stringify(input.executionConfig),
        distributions: JSON.stringify(input.distributions),
        isDefault: input.isDefault ? 1 : 0,
        meta: JSON.stringify(input.meta),
        now: now()
      })
  }

  /** Retire (never delete) the runtime's versions that the YAML no longer lists (spec §1.11). */
  retireMissing(runtimeId: number, keep: readonly string[]): number {
    const rows = this.db
      .prepare('SELECT id, version FROM runtime_version WHERE runtime = ? AND retired_at IS NULL')
      .all(runtimeId) as { id: number; version: string }[]
    const retire = this.db.prepare('UPDATE runtime_version SET retired_at = ?, updated = ? WHERE id = ?')
    let count = 0
    for (const row of rows) {
      if (keep.includes(row.version)) continue
      const at = now()
      retire.run(at, at, row.id)
      count++
    }
    return count
  }

  /** Active versions of one runtime in the worker's repository order. */
  listByRuntime(runtimeId: number): RuntimeVersionRecord[] {
    const records = this.db.cached(`runtime:${runtimeId}`, () => {
      const rows = this.db
        .prepare(
          `SELECT v.* FROM runtime_version v JOIN runtime r ON r.id = v.runtime
           WHERE v.runtime = ? AND ${ACTIVE} ORDER BY ${REPOSITORY_ORDER}`
        )
        .all(runtimeId) as VersionRow[]
      return rows.map(toRecord)
    })
    return [...records]
  }

  /** Every active version, ordered by runtime ref then version (spec §3.2). */
  listAll(): RuntimeVersionRecord[] {
    const rows = this.db
      .prepare(
        `SELECT v.* FROM runtime_version v JOIN runtime r ON r.id = v.runtime
         WHERE ${ACTIVE} ORDER BY v.runtime_ref, v.version`
      )
      .all() as VersionRow[]
    return rows.map(toRecord)
  }

  findById(id: number): RuntimeVersionRecord | null {
    const row = this.db.prepare('SELECT * FROM runtime_version WHERE id = ?').get(id) as VersionRow | undefined
    return row ? toRecord(row) : null
  }

  /** Write a verification outcome; `enabled` is the user's and is left alone. */
  setVerification(id: number, update: VersionVerificationUpdate): void {
    const at = now()
    this.db
      .prepare(
        `UPDATE runtime_version SET available = ?, verified_at = ?, interpreter = ?, source = ?, source_detail = ?,
                verification = ?, reason = ?, updated = ? WHERE id = ?`
      )
      .run(
        update.available ? 1 : 0,
        at,
        update.interpreter,
        update.source,
        update.sourceDetail,
        update.verification ? JSON.stringify(update.verification) : null,
        update.reason,
        at,
        id
      )
  }

  /** The user's toggle, persisted. */
  setEnabled(id: number, enabled: boolean): void {
    this.db.prepare('UPDATE runtime_version SET enabled = ?, updated = ? WHERE id = ?').run(enabled ? 1 : 0, now(), id)
  }
}

function toRecord(row: VersionRow): RuntimeVersionRecord {
  return {
    id: row.id,
    runtimeId: row.runtime,
    runtimeRef: row.runtime_ref,
    version: row.version,
    major: row.version_major,
    minor: row.version_minor,
    patch: row.version_patch,
    executionConfig: parseJson(row.execution_config, {}),
    distributions: parseJson(row.distributions, {}),
    isDefault: row.is_default === 1,
    available: row.available === 1,
    verifiedAt: row.verified_at,
    meta: parseJson(row.meta, {}),
    enabled: row.enabled === 1,
    interpreter: row.interpreter,
    source: row.source,
    sourceDetail: row.source_detail,
    verification: row.verification === null ? null : parseJson(row.verification, null),
    reason: row.reason
  }
}
