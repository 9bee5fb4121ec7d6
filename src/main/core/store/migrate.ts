import type Database from 'better-sqlite3'
import { migrations } from './migrations'

/**
 * Apply the numbered migrations above the database's `user_version`, up to `target`.
 *
 * Each migration runs in its own transaction together with its `user_version` bump, so a crash
 * never leaves a half-applied step.
 */
export function migrate(db: Database.Database, target = migrations.length): number {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > migrations.length) {
    throw new Error(
      `The database ${db.name} was written by a newer Attune Workbench (schema ${current}, this build knows ${migrations.length}). ` +
        `Use that newer version, or a different --home; this build does not open it, to avoid damaging it.`
    )
  }
  for (const migration of migrations.slice(current, target)) {
    db.transaction(() => {
      migration.up(db)
      db.pragma(`user_version = ${migration.version}`)
    })()
  }
  return db.pragma('user_version', { simple: true }) as number
}
