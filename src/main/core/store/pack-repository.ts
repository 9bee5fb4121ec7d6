import type { ActionDefinition, PackComponent, PackProblem } from '../../../shared/domain/pack'
import type { Db } from './database'
import { Statements } from './statements'
import { now, parseJson } from './json-columns'

/** A `pack` row with its JSON columns parsed. */
export interface PackRecord {
  readonly id: number
  readonly ref: string
  readonly dir: string
  readonly label: string | null
  readonly description: string | null
  readonly version: string | null
  readonly problems: readonly PackProblem[]
  readonly components: readonly PackComponent[]
  readonly watchedFiles: readonly string[]
  readonly registeredAt: string
  readonly loadedAt: string | null
}

export interface PackInput {
  readonly ref: string
  readonly dir: string
  readonly label: string | null
  readonly description: string | null
  readonly version: string | null
  readonly problems: readonly PackProblem[]
  /** Absent: none. */
  readonly components?: readonly PackComponent[]
  readonly watchedFiles: readonly string[]
}

interface PackRow {
  id: number
  ref: string
  dir: string
  label: string | null
  description: string | null
  version: string | null
  problems: string
  components: string
  watched_files: string
  registered_at: string
  loaded_at: string | null
}

/** The `pack` and `action` tables. Actions missing from a reload are retired, as the worker's loader does. */
export class PackRepository {
  private readonly db: Statements

  constructor(db: Db) {
    this.db = new Statements(db)
  }

  upsert(input: PackInput): PackRecord {
    this.db
      .prepare(
        `INSERT INTO pack (ref, dir, label, description, version, problems, components, watched_files, loaded_at)
         VALUES (@ref, @dir, @label, @description, @version, @problems, @components, @watchedFiles, @now)
         ON CONFLICT (ref) DO UPDATE SET dir = excluded.dir, label = excluded.label,
           description = excluded.description, version = excluded.version, problems = excluded.problems,
           components = excluded.components, watched_files = excluded.watched_files, loaded_at = excluded.loaded_at`
      )
      .run({
        ...input,
        problems: JSON.stringify(input.problems),
        components: JSON.stringify(input.components ?? []),
        watchedFiles: JSON.stringify(input.watchedFiles),
        now: now()
      })
    const record = this.findByRef(input.ref)
    if (!record) throw new Error(`pack ${input.ref} vanished after upsert`)
    return record
  }

  /** Record problems found when the pack could not be (re)loaded, keeping its last good actions. */
  setProblems(id: number, problems: readonly PackProblem[]): void {
    this.db.prepare('UPDATE pack SET problems = ?, loaded_at = ? WHERE id = ?').run(JSON.stringify(problems), now(), id)
  }

  list(): PackRecord[] {
    return (this.db.prepare('SELECT * FROM pack ORDER BY ref').all() as PackRow[]).map(toRecord)
  }

  findByRef(ref: string): PackRecord | null {
    return this.db.cached(`ref:${ref}`, () => {
      const row = this.db.prepare('SELECT * FROM pack WHERE ref = ?').get(ref) as PackRow | undefined
      return row ? toRecord(row) : null
    })
  }

  findByDir(dir: string): PackRecord | null {
    const row = this.db.prepare('SELECT * FROM pack WHERE dir = ?').get(dir) as PackRow | undefined
    return row ? toRecord(row) : null
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM pack WHERE id = ?').run(id)
  }

  /** Upsert the pack's actions and retire those no longer defined. */
  replaceActions(packId: number, actions: readonly ActionDefinition[]): void {
    const upsert = this.db.prepare(
      `INSERT INTO action (pack, ref, runtime_ref, runtime_version_constraint, definition)
       VALUES (@pack, @ref, @runtimeRef, @constraint, @definition)
       ON CONFLICT (ref) DO UPDATE SET pack = excluded.pack, runtime_ref = excluded.runtime_ref,
         runtime_version_constraint = excluded.runtime_version_constraint, definition = excluded.definition,
         retired_at = NULL, updated = @now`
    )
    const at = now()
    for (const action of actions) {
      upsert.run({ pack: packId, ref: action.ref, runtimeRef: action.runtimeRef, constraint: action.runtimeVersion, definition: JSON.stringify(action), now: at })
    }
    const keep = new Set(actions.map((action) => action.ref))
    const rows = this.db.prepare('SELECT id, ref FROM action WHERE pack = ? AND retired_at IS NULL').all(packId) as { id: number; ref: string }[]
    const retire = this.db.prepare('UPDATE action SET retired_at = ?, updated = ? WHERE id = ?')
    for (const row of rows) if (!keep.has(row.ref)) retire.run(at, at, row.id)
  }

  /** Active actions of a pack (or of every pack), ordered by ref. */
  listActions(packId?: number): ActionDefinition[] {
    const actions = this.db.cached(`actions:${packId ?? 'all'}`, () => {
      const rows = (
        packId === undefined
          ? this.db.prepare('SELECT definition FROM action WHERE retired_at IS NULL ORDER BY ref').all()
          : this.db.prepare('SELECT definition FROM action WHERE pack = ? AND retired_at IS NULL ORDER BY ref').all(packId)
      ) as { definition: string }[]
      return rows.map((row) => parseJson<ActionDefinition>(row.definition, null as never)).filter(Boolean)
    })
    return [...actions]
  }

  findAction(ref: string): ActionDefinition | null {
    return this.db.cached(`action:${ref}`, () => {
      const row = this.db.prepare('SELECT definition FROM action WHERE ref = ? AND retired_at IS NULL').get(ref) as { definition: string } | undefined
      return row ? parseJson<ActionDefinition>(row.definition, null as never) : null
    })
  }
}

function toRecord(row: PackRow): PackRecord {
  return {
    id: row.id,
    ref: row.ref,
    dir: row.dir,
    label: row.label,
    description: row.description,
    version: row.version,
    problems: parseJson(row.problems, []),
    components: parseJson(row.components, []),
    watchedFiles: parseJson(row.watched_files, []),
    registeredAt: row.registered_at,
    loadedAt: row.loaded_at
  }
}
