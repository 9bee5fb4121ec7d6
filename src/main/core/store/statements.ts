import type { Statement } from 'better-sqlite3'
import type { Db } from './database'

/**
 * A repository's statements, each compiled once: `prepare` returns the statement already prepared for the
 * same SQL text (better-sqlite3 compiles on every `Database.prepare`). Repositories build SQL only from
 * fixed fragments, so the cache is bounded by the code, never by the data.
 */
export class Statements {
  private readonly cache = new Map<string, Statement>()

  constructor(private readonly db: Db) {}

  prepare(sql: string): Statement {
    let statement = this.cache.get(sql)
    if (statement === undefined) {
      statement = this.db.prepare(sql)
      this.cache.set(sql, statement)
    }
    return statement
  }

  exec(sql: string): void {
    this.db.exec(sql)
  }
}
