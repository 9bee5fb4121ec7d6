import type { RuntimeExecutionConfig } from '../../../shared/domain/execution-config'
import type { VerificationDetail } from '../../../shared/domain/runtime'
import type { Db } from './database'
import { Statements } from './statements'
import { now, parseJson } from './json-columns'

/** A `runtime` row (spec §1.1) with its JSON columns parsed. */
export interface RuntimeRecord {
  readonly id: number
  readonly ref: string
  readonly packRef: string | null
  readonly name: string
  readonly description: string | null
  readonly aliases: readonly string[]
  readonly distributions: Readonly<Record<string, unknown>>
  readonly installation: Readonly<Record<string, unknown>> | null
  readonly executionConfig: RuntimeExecutionConfig
  readonly origin: 'catalog' | 'pack'
  readonly sourceFile: string | null
  readonly available: boolean
  readonly verifiedAt: string | null
  readonly verification: VerificationDetail | null
  readonly reason: string | null
}

/** What a runtime YAML file defines for the runtime row itself. */
export interface RuntimeInput {
  readonly ref: string
  readonly packRef: string | null
  readonly name: string
  readonly description: string | null
  readonly aliases: readonly string[]
  readonly distributions: Readonly<Record<string, unknown>>
  readonly installation: Readonly<Record<string, unknown>> | null
  readonly executionConfig: RuntimeExecutionConfig
  readonly origin: 'catalog' | 'pack'
  readonly sourceFile: string | null
}

interface RuntimeRow {
  id: number
  ref: string
  pack_ref: string | null
  name: string
  description: string | null
  aliases: string
  distributions: string
  installation: string | null
  execution_config: string
  origin: 'catalog' | 'pack'
  source_file: string | null
  available: number
  verified_at: string | null
  verification: string | null
  reason: string | null
}

const ACTIVE = 'retired_at IS NULL'

/** The `runtime` table. Every read excludes retired rows, as the worker's repository does. */
export class RuntimeRepository {
  private readonly db: Statements

  constructor(db: Db) {
    this.db = new Statements(db)
  }

  /** Upsert by ref (spec §1.11); a retired row is reactivated, verification state is kept. */
  upsert(input: RuntimeInput): RuntimeRecord {
    this.db
      .prepare(
        `INSERT INTO runtime (ref, pack_ref, name, description, aliases, distributions, installation,
                              execution_config, origin, source_file)
         VALUES (@ref, @packRef, @name, @description, @aliases, @distributions, @installation,
                 @executionConfig, @origin, @sourceFile)
         ON CONFLICT (ref) DO UPDATE SET
           pack_ref = excluded.pack_ref, name = excluded.name, description = excluded.description,
           aliases = excluded.aliases, distributions = excluded.distributions,
           installation = excluded.installation, execution_config = excluded.execution_config,
           origin = excluded.origin, source_file = excluded.source_file,
           retired_at = NULL, updated = @now`
      )
      .run({
        ...input,
        aliases: JSON.stringify(input.aliases),
        distributions: JSON.stringify(input.distributions),
        installation: input.installation === null ? null : JSON.stringify(input.installation),
        executionConfig: JSON.stringify(input.executionConfig),
        now: now()
      })
    const record = this.findByRef(input.ref)
    if (!record) throw new Error(`runtime ${input.ref} vanished after upsert`)
    return record
  }

  list(): RuntimeRecord[] {
    return [...this.db.cached('list', () => (this.db.prepare(`SELECT * FROM runtime WHERE ${ACTIVE} ORDER BY ref`).all() as RuntimeRow[]).map(toRecord))]
  }

  findByRef(ref: string): RuntimeRecord | null {
    return this.db.cached(`ref:${ref}`, () => {
      const row = this.db.prepare(`SELECT * FROM runtime WHERE ref = ? AND ${ACTIVE}`).get(ref) as RuntimeRow | undefined
      return row ? toRecord(row) : null
    })
  }

  /** Soft-retire the runtimes of one origin (the catalog, or one pack) whose refs are not in `keep`. */
  retireMissing(owner: { origin: 'catalog' } | { origin: 'pack'; packRef: string }, keep: readonly string[]): number {
    const rows = (
      owner.origin === 'catalog'
        ? this.db.prepare(`SELECT id, ref FROM runtime WHERE origin = 'catalog' AND ${ACTIVE}`).all()
        : this.db.prepare(`SELECT id, ref FROM runtime WHERE origin = 'pack' AND pack_ref = ? AND ${ACTIVE}`).all(owner.packRef)
    ) as { id: number; ref: string }[]
    const retire = this.db.prepare('UPDATE runtime SET retired_at = ?, updated = ? WHERE id = ?')
    let count = 0
    for (const row of rows) {
      if (keep.includes(row.ref)) continue
      const at = now()
      retire.run(at, at, row.id)
      count++
    }
    return count
  }

  /** Record a runtime-level verification (spec §3.5). */
  setVerification(id: number, result: { available: boolean; verification: VerificationDetail | null; reason: string | null }): void {
    const at = now()
    this.db
      .prepare('UPDATE runtime SET available = ?, verified_at = ?, verification = ?, reason = ?, updated = ? WHERE id = ?')
      .run(result.available ? 1 : 0, at, result.verification ? JSON.stringify(result.verification) : null, result.reason, at, id)
  }
}

function toRecord(row: RuntimeRow): RuntimeRecord {
  return {
    id: row.id,
    ref: row.ref,
    packRef: row.pack_ref,
    name: row.name,
    description: row.description,
    aliases: parseJson(row.aliases, []),
    distributions: parseJson(row.distributions, {}),
    installation: row.installation === null ? null : parseJson(row.installation, {}),
    executionConfig: parseJson(row.execution_config, {}),
    origin: row.origin,
    sourceFile: row.source_file,
    available: row.available === 1,
    verifiedAt: row.verified_at,
    verification: row.verification === null ? null : parseJson(row.verification, null),
    reason: row.reason
  }
}
