import { join } from 'node:path'
import { version } from '../../../package.json'
import { openWorkbench, type WorkbenchOptions } from '../core/workbench'
import { startEngineServer, type EngineServer } from '../engine-socket/engine-server'
import { createFileLogger, debugEnabled } from '../ipc/file-logger'
import type { HostHooks } from '../ipc/handlers'
import { createRouter } from '../ipc/router'
import { apiOverRouter } from '../ipc/router-api'
import type { CliSession } from './cli-session'
import type { CliIo } from './output'

/*
 * The half of a CLI session that opens the data home: loaded (with SQLite, the catalog loader and the IPC
 * schemas) only when no other process serves the home, so a command answered over the socket never loads it.
 */

const READY = { phase: 'ready', message: 'Ready' } as const

/** Open the home in this process and serve it on the engine socket while the command runs. */
export async function openOwnerSession(options: WorkbenchOptions, endpoint: string, io: CliIo): Promise<CliSession> {
  const workbench = openWorkbench(options)
  const hooks: HostHooks = { kind: 'cli', version, startup: () => READY }
  const router = createRouter(workbench, hooks)
  const log = createFileLogger(join(workbench.home, 'logs', 'engine-socket.log'), debugEnabled(io.env))
  let server: EngineServer | null = null
  try {
    server = await startEngineServer({ endpoint, router, log })
  } catch (error) {
    // The command still works in process; only other processes cannot reach the engine meanwhile.
    io.stderr(`warning: other commands cannot use this data home while this one runs: ${error instanceof Error ? error.message : String(error)}\n`)
  }
  return {
    home: workbench.home,
    api: apiOverRouter(router),
    router,
    workbench,
    close: async () => {
      if (server && server.connections() > 0) {
        io.stderr(`(keeping the data home open for ${server.connections()} other command${server.connections() === 1 ? '' : 's'} using it through this one)\n`)
        await server.idle()
      }
      await server?.close()
      workbench.close()
    }
  }
}
