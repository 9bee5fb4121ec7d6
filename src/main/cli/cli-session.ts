import { readFileSync } from 'node:fs'
import type { Api } from '../../shared/ipc/contract'
import type { Workbench, WorkbenchOptions } from '../core/workbench'
import { homeLayout } from '../core/data-home'
import { WorkbenchError } from '../core/errors'
import type { EngineConnection } from '../engine-socket/engine-client'
import { engineEndpoint, inspectEndpointSync } from '../engine-socket/engine-endpoint'
import { retryWhileHomeHeld } from '../engine-socket/home-wait'
import type { Router } from '../ipc/router'
import { apiOverRouter } from '../ipc/router-api'
import type { CliIo } from './output'

/**
 * One CLI command's way to the engine (DESIGN.md "Hosts"): the contract in process when nothing holds
 * the home (this command opens it and serves it on the engine socket meanwhile), or over the socket of
 * the process that does. Commands see only `api`, so both ways print the same.
 */
export interface CliSession {
  readonly home: string
  readonly api: Api
  readonly router: Router
  /** The engine, when this process opened the home; null when another process's engine answers. */
  readonly workbench: Workbench | null
  /** Done with the command: an owner keeps serving until its socket clients are gone, then closes. */
  close(): Promise<void>
}

export interface SessionOptions {
  readonly home: string
  readonly io: CliIo
  readonly engine: Partial<Omit<WorkbenchOptions, 'home' | 'env'>>
  /** How long to wait for a process holding the home without serving it yet; default `CLI_HOME_WAIT_MS`. */
  readonly waitMs?: number
}

/**
 * A command waits only for an engine between opening the home and listening, or one closing: a
 * second or two. (The app and `serve` wait longer: for a CLI command to finish.)
 */
export const CLI_HOME_WAIT_MS = 5_000

/** Connect to the home's engine, or open the home here and serve it. */
export async function openCliSession(options: SessionOptions): Promise<CliSession> {
  const { home, io } = options
  const layout = homeLayout(home, io.env)
  const endpoint = engineEndpoint(home)
  return retryWhileHomeHeld(
    async () => {
      const connection = await connectIfServed(endpoint, home)
      if (connection) return clientSession(home, connection)
      // The engine (SQLite, the catalog, the IPC schemas) is loaded only by a command that opens the home.
      const { openOwnerSession } = await import('./owner-session')
      return openOwnerSession({ ...options.engine, home, env: io.env }, endpoint, io)
    },
    { pidFile: layout.enginePid, waitMs: options.waitMs ?? CLI_HOME_WAIT_MS, onWait: (message) => io.stderr(`${message}\n`) }
  )
}

/**
 * A connection to the engine serving `home`, or null when none listens (no socket, or a stale one
 * whose engine was killed: the caller opens the home and replaces it). Another user's socket is refused.
 */
export async function connectIfServed(endpoint: string, home: string): Promise<EngineConnection | null> {
  const found = inspectEndpointSync(endpoint)
  if (found === 'absent') return null
  if (typeof found === 'object') throw new WorkbenchError('environment', found.refused)
  // The client (and the exact-number JSON reader it needs) is loaded only when there is a socket to talk to.
  const { connectEngine } = await import('../engine-socket/engine-client')
  let connection: EngineConnection
  try {
    connection = await connectEngine(endpoint, engineStoppedMessage(home))
  } catch {
    return null
  }
  // An engine closing just now accepts and hangs up: treat it as not serving (the caller waits for it). One
  // that accepts but never answers (stopped with SIGSTOP, frozen) is said in words, not waited on forever.
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), HELLO_TIMEOUT_MS)
  })
  const hello = await Promise.race([connection.handle('app:info', {}), timeout]).finally(() => clearTimeout(timer))
  if (hello !== 'timeout' && hello.ok) return connection
  connection.close()
  if (hello === 'timeout') {
    throw new WorkbenchError('environment', `the workbench engine serving ${home} accepted the connection but did not answer within ${HELLO_TIMEOUT_MS / 1000} s; is it stopped or busy? (its pid is in ${homeLayout(home, {}).enginePid})`)
  }
  return null
}

/** How long a client waits for the engine's first answer. */
const HELLO_TIMEOUT_MS = 5000

/** What a client says when the engine it talks to goes away mid-command (exit 3). */
export function engineStoppedMessage(home: string): string {
  let pid = ''
  try {
    pid = ` (pid ${readFileSync(homeLayout(home, {}).enginePid, 'utf8').trim()})`
  } catch {
    // The engine removed its pid file on the way out; the message does without.
  }
  return `the workbench engine serving ${home}${pid} stopped before it answered; a run it was doing is marked abandoned. Run the command again: it opens the data home itself.`
}

function clientSession(home: string, connection: EngineConnection): CliSession {
  return {
    home,
    api: apiOverRouter(connection),
    router: connection,
    workbench: null,
    close: async () => connection.close()
  }
}
