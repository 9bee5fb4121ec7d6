import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { migrate } from './migrate'
import { nativeBindingFor, nativeLoadProblem } from './native-binding'
import { HomeLockedError } from './home-locked-error'

export { HomeLockedError }

export type Db = Database.Database

/**
 * Open (creating if needed) the workbench database, lock it for this process and migrate it.
 *
 * WAL with `locking_mode=EXCLUSIVE`: the first write takes a lock the OS releases when the process
 * dies, so a second engine on the same home fails fast instead of interleaving writes.
 */
export function openDatabaseSync(file: string): Db {
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
    // Private from the start (issue 9 finding 8): SQLite gives the -wal and -shm files the database's mode.
    closeSync(openSync(file, 'a', 0o600))
    chmodSync(file, 0o600)
  }
  const db = newDatabase(file)
  try {
    db.pragma('journal_mode = WAL')
    // WAL's recommended setting: a commit is not fsynced (a checkpoint is), so recording a run costs no disk
    // flush. The file never corrupts; a power cut may lose the last few commits, never a half of one.
    db.pragma('synchronous = NORMAL')
    db.pragma('locking_mode = EXCLUSIVE')
    db.pragma('foreign_keys = ON')
    db.exec('BEGIN IMMEDIATE; COMMIT')
  } catch (error) {
    db.close()
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new HomeLockedError(file)
    throw error
  }
  try {
    migrate(db)
  } catch (error) {
    // Release the lock: a refused or failed migration must not keep the home held by this process.
    db.close()
    throw error
  }
  return db
}

/** The checkout (or packaged app) root: where `resources/` and the Electron build in `native/` live. */
function appRoot(): string {
  let dir = __dirname
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'resources', 'runtimes'))) return dir
    dir = dirname(dir)
  }
  return join(__dirname, '..', '..')
}

/**
 * The Node build npm install made, named directly: without `nativeBinding`, better-sqlite3 asks the `bindings`
 * package, which tries one folder after another by requiring each (a millisecond of failed requires per start).
 * Undefined where it is not there (another build type): `bindings` searches then.
 */
function nodeBuildFile(): string | undefined {
  try {
    return createRequire(__filename).resolve('better-sqlite3/build/Release/better_sqlite3.node')
  } catch {
    return undefined
  }
}

/** better-sqlite3 with this process's build; a build for another ABI becomes one line naming the fix. */
function newDatabase(file: string): Db {
  const binding = nativeBindingFor(process.versions, appRoot) ?? nodeBuildFile()
  try {
    return binding === undefined ? new Database(file, { timeout: 0 }) : new Database(file, { timeout: 0, nativeBinding: binding })
  } catch (error) {
    throw nativeLoadProblem(error, { versions: process.versions, root: appRoot(), binding }) ?? error
  }
}
