import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'

/** A child process holding a data home's database lock, as a running app or CLI would. */
export interface HeldHome {
  readonly pid: number
  release(): Promise<void>
}

// The child opens the database the way openDatabaseSync does (WAL, exclusive locking, one write)
// and keeps it open until it is killed.
const HOLDER = `
const Database = require(process.env.BETTER_SQLITE3)
const db = new Database(process.env.DB_FILE, { timeout: 0 })
db.pragma('journal_mode = WAL')
db.pragma('locking_mode = EXCLUSIVE')
db.exec('BEGIN IMMEDIATE; COMMIT')
process.stdout.write('held\\n')
setInterval(() => {}, 1 << 30)
`

/** Start a child that holds `<dataHome>/workbench.db`; resolves once the lock is taken. */
export function holdDataHome(dataHome: string): Promise<HeldHome> {
  const child: ChildProcess = spawn(process.execPath, ['-e', HOLDER], {
    env: { BETTER_SQLITE3: createRequire(import.meta.url).resolve('better-sqlite3'), DB_FILE: join(dataHome, 'workbench.db') },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  return new Promise((resolve, reject) => {
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`the lock holder exited with ${code}: ${stderr}`)))
    child.stdout?.once('data', () => {
      child.removeAllListeners('exit')
      resolve({
        pid: child.pid as number,
        release: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGKILL')
          })
      })
    })
  })
}
