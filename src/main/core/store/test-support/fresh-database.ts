import Database from 'better-sqlite3'
import { afterEach, beforeEach } from 'vitest'
import { createTempDir, type TempDir } from './temp-dir'

/**
 * A fresh database file for each test of the calling file (in its own temp folder, closed and removed after
 * the test), with foreign keys on as the app opens it unless asked otherwise. Call at the top of a test file;
 * the returned function gives the current test's database.
 */
export function useFreshDatabase(options: { readonly foreignKeys?: boolean } = {}): () => Database.Database {
  let temp: TempDir
  let db: Database.Database
  beforeEach(() => {
    temp = createTempDir()
    db = new Database(temp.path('fresh.db'))
    if (options.foreignKeys !== false) db.pragma('foreign_keys = ON')
  })
  afterEach(() => {
    db.close()
    temp.dispose()
  })
  return () => db
}
