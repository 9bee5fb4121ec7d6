import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HomeLockedError, openDatabaseSync, type Db } from './database'
import { migrations } from './migrations'
import { createTempDir, type TempDir } from './test-support/temp-dir'

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url))
// `node --import <tsx loader>` keeps it one process (the tsx CLI would put the script in a grandchild).
const tsxLoader = new URL('../../../../node_modules/tsx/dist/loader.mjs', import.meta.url).href
const childScript = fileURLToPath(new URL('./test-support/open-database-child.ts', import.meta.url))

interface ChildReport {
  opened: boolean
  name?: string
  message?: string
}

/** A real second process running `openDatabaseSync` on `file` (see test-support/open-database-child.ts). */
class Child {
  readonly process: ChildProcessWithoutNullStreams
  readonly report: Promise<ChildReport>
  readonly exit: Promise<number | null>
  private stderr = ''

  constructor(mode: 'hold' | 'try', file: string) {
    this.process = spawn(process.execPath, ['--import', tsxLoader, childScript, mode, file], { cwd: repoRoot })
    this.process.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()))
    this.exit = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)))
    this.report = new Promise((resolve, reject) => {
      let out = ''
      this.process.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const newline = out.indexOf('\n')
        if (newline >= 0) resolve(JSON.parse(out.slice(0, newline)) as ChildReport)
      })
      void this.exit.then((code) => reject(new Error(`child exited (${code}) before reporting: ${this.stderr}`)))
    })
  }

  /** Ask a holding child to close the database and exit. */
  async release(): Promise<void> {
    this.process.stdin.end()
    expect(await this.exit).toBe(0)
  }
}

let temp: TempDir
let file: string
const open: Db[] = []
const children: Child[] = []

function track(db: Db): Db {
  open.push(db)
  return db
}

function caught(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected an error')
}

beforeEach(() => {
  temp = createTempDir()
  file = temp.path('home', 'attune.db')
})
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill('SIGKILL')
      await child.exit
    }
  }
  for (const db of open.splice(0)) if (db.open) db.close()
  temp.dispose()
})

describe('openDatabaseSync on a file', () => {
  it('creates the folder and the file, migrated to the newest schema', () => {
    const db = track(openDatabaseSync(file))
    expect(existsSync(file)).toBe(true)
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()).toEqual(
      expect.arrayContaining([{ name: 'probe_cache' }, { name: 'runtime' }, { name: 'runtime_version' }])
    )
  })

  it('uses WAL, exclusive locking and foreign keys', () => {
    const db = track(openDatabaseSync(file))
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    // NORMAL (1): commits are not fsynced one by one.
    expect(db.pragma('synchronous', { simple: true })).toBe(1)
    expect(db.pragma('locking_mode', { simple: true })).toBe('exclusive')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    db.close()
    // WAL is a property of the file: a plain connection sees it after the app closed it.
    const plain = new Database(file, { readonly: true })
    try {
      expect(plain.pragma('journal_mode', { simple: true })).toBe('wal')
    } finally {
      plain.close()
    }
  })

  it('cascades deletes through foreign keys (they are on for this connection)', () => {
    const db = track(openDatabaseSync(file))
    const id = Number(db.prepare("INSERT INTO runtime (ref, name) VALUES ('core.python', 'Python')").run().lastInsertRowid)
    db.prepare("INSERT INTO runtime_version (runtime, runtime_ref, version) VALUES (?, 'core.python', '3.12')").run(id)
    db.prepare('DELETE FROM runtime WHERE id = ?').run(id)
    expect(db.prepare('SELECT count(*) AS n FROM runtime_version').get()).toEqual({ n: 0 })
  })

  it('keeps data across close and reopen', () => {
    const first = track(openDatabaseSync(file))
    first.prepare("INSERT INTO runtime (ref, name) VALUES ('core.shell', 'Shell')").run()
    first.close()
    const second = track(openDatabaseSync(file))
    expect(second.prepare('SELECT ref FROM runtime').all()).toEqual([{ ref: 'core.shell' }])
  })

  it('opens an in-memory database without touching the disk', () => {
    const db = track(openDatabaseSync(':memory:'))
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    expect(existsSync(':memory:')).toBe(false)
  })

  it('refuses a second connection in the same process with HomeLockedError', () => {
    track(openDatabaseSync(file))
    const error = caught(() => track(openDatabaseSync(file)))
    expect(error).toBeInstanceOf(HomeLockedError)
    expect((error as HomeLockedError).file).toBe(file)
  })

  it('refuses a database from a newer build and does not keep it locked', () => {
    track(openDatabaseSync(file)).close()
    const raw = new Database(file)
    raw.pragma(`user_version = ${migrations.length + 5}`)
    raw.close()
    const error = caught(() => openDatabaseSync(file))
    expect(error).not.toBeInstanceOf(HomeLockedError)
    expect((error as Error).message).toMatch(/newer Attune Workbench/)
    // The refused open released its lock: another connection can use the file right away.
    const again = new Database(file, { timeout: 0 })
    try {
      expect(again.pragma('user_version', { simple: true })).toBe(migrations.length + 5)
      expect(() => again.exec('BEGIN IMMEDIATE; COMMIT')).not.toThrow()
    } finally {
      again.close()
    }
  })
})

describe('openDatabaseSync across processes', () => {
  it('gives this process HomeLockedError, naming the file, while another process holds the home; works after it exits', async () => {
    track(openDatabaseSync(file)).close() // an existing home, not only a fresh one
    const holder = new Child('hold', file)
    children.push(holder)
    expect(await holder.report).toEqual({ opened: true })

    const error = caught(() => track(openDatabaseSync(file)))
    expect(error).toBeInstanceOf(HomeLockedError)
    expect((error as Error).name).toBe('HomeLockedError')
    expect((error as Error).message).toContain(file)
    expect((error as Error).message).toMatch(/in use by another Attune Workbench process/)

    await holder.release()
    const db = track(openDatabaseSync(file))
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
  })

  it('gives another process HomeLockedError while this process holds the home; it opens once released', async () => {
    const db = track(openDatabaseSync(file))
    const refused = new Child('try', file)
    children.push(refused)
    const report = await refused.report
    expect(report.opened).toBe(false)
    expect(report.name).toBe('HomeLockedError')
    expect(report.message).toContain(file)
    expect(await refused.exit).toBe(0)

    db.close()
    const allowed = new Child('try', file)
    children.push(allowed)
    expect(await allowed.report).toEqual({ opened: true })
  })

  it('frees the home when the holding process is killed', async () => {
    const holder = new Child('hold', file)
    children.push(holder)
    expect(await holder.report).toEqual({ opened: true })
    expect(caught(() => track(openDatabaseSync(file)))).toBeInstanceOf(HomeLockedError)

    holder.process.kill('SIGKILL')
    await holder.exit
    const db = track(openDatabaseSync(file))
    expect(db.prepare('SELECT count(*) AS n FROM runtime').get()).toEqual({ n: 0 })
  })
})
