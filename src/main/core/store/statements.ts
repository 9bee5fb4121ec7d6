import type { Statement } from 'better-sqlite3'
import type { Db } from './database'

/** Per database: a counter every write moves on (see {@link Statements.cached}). */
const generations = new WeakMap<Db, { value: number }>()

/**
 * A repository's statements, each compiled once: `prepare` returns the statement already prepared for the
 * same SQL text (better-sqlite3 compiles on every `Database.prepare`). Repositories build SQL only from
 * fixed fragments, so the cache is bounded by the code, never by the data.
 *
 * Reads a run repeats (its action, runtime, versions, pack) can be kept as parsed by {@link cached} until
 * the next write to the database: one engine owns a data home (its lock is exclusive), so every write goes
 * through some repository's statements here, and each moves the database's counter on. A repository whose
 * writes no cached read depends on (the execution history, written on every run) passes `invalidates: false`.
 */
export class Statements {
  private readonly cache = new Map<string, Statement>()
  private readonly reads = new Map<string, { readonly generation: number; readonly value: unknown }>()
  private readonly generation: { value: number }
  private readonly invalidates: boolean

  constructor(
    private readonly db: Db,
    options: { readonly invalidates?: boolean } = {}
  ) {
    let generation = generations.get(db)
    if (generation === undefined) {
      generation = { value: 0 }
      generations.set(db, generation)
    }
    this.generation = generation
    this.invalidates = options.invalidates ?? true
  }

  prepare(sql: string): Statement {
    let statement = this.cache.get(sql)
    if (statement === undefined) {
      statement = this.db.prepare(sql)
      this.cache.set(sql, statement)
    }
    // Prepared right before it runs: a write makes every cached read stale from here on.
    if (!statement.reader && this.invalidates) this.generation.value++
    return statement
  }

  exec(sql: string): void {
    if (this.invalidates) this.generation.value++
    this.db.exec(sql)
  }

  /**
   * `read()`'s value, computed once per `key` until the next write to the database. Never kept inside a
   * transaction (it may roll back). Cached values are shared: callers must not change them (their types are
   * read-only).
   */
  cached<T>(key: string, read: () => T): T {
    if (this.db.inTransaction) return read()
    const hit = this.reads.get(key)
    if (hit !== undefined && hit.generation === this.generation.value) return hit.value as T
    const value = read()
    this.reads.set(key, { generation: this.generation.value, value })
    return value
  }
}
