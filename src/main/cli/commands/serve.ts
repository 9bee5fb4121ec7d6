import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { version } from '../../../../package.json'
import { homeLayout } from '../../core/data-home'
import { badInput } from '../../core/errors'
import { HomeLockedError } from '../../core/store/database'
import { openWorkbench, type Workbench } from '../../core/workbench'
import type { EngineConnection } from '../../engine-socket/engine-client'
import { engineEndpoint } from '../../engine-socket/engine-endpoint'
import { startEngineServer, type EngineServer } from '../../engine-socket/engine-server'
import { retryWhileHomeHeld } from '../../engine-socket/home-wait'
import { relayAsBrowserHost } from '../../engine-socket/relay-router'
import { createFileLogger, debugEnabled } from '../../ipc/file-logger'
import { createRouter, type Router } from '../../ipc/router'
import { createStartupTracker } from '../../ipc/startup-tracker'
import { isLoopbackAddress } from '../../web-host/request-guard'
import { dataHomeToken } from '../../web-host/host-token'
import { startWebHost } from '../../web-host/web-host'
import { optionValue, parseArgs } from '../args'
import { connectIfServed } from '../cli-session'
import { EXIT, printJson, type CliIo } from '../output'
import type { SessionOptions } from '../cli-session'

/**
 * `serve [--port N] [--host ADDR [--allow-remote]]`: the browser host on 127.0.0.1 (or another loopback
 * address) until interrupted; an address other machines can reach only with `--allow-remote`. It owns
 * the data home when it can (waiting a few seconds for a short CLI command holding it) and then serves
 * it on the engine socket as well; beside a running app or another `serve`, it serves that engine.
 * It listens first, prints its URL, then runs startup in the worker's order in the background,
 * publishing progress as events. It never opens a browser itself.
 */
export async function serveCommand(target: Pick<SessionOptions, 'home' | 'engine'>, argv: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const args = parseArgs(argv, { options: ['port', 'host'], flags: ['allow-remote'] })
  const portText = optionValue(args, 'port')
  // Digits only: Number('') and Number(' ') are 0, which would quietly pick a random port.
  const port = portText === undefined ? 0 : /^\d{1,5}$/.test(portText) ? Number(portText) : NaN
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw badInput(`--port '${portText}' is not a port number (0-65535)`)
  const bindHost = optionValue(args, 'host') ?? '127.0.0.1'
  const remote = !isLoopbackAddress(bindHost)
  const allowRemote = args.flags.has('allow-remote')
  if (remote && !allowRemote) {
    throw badInput(`--host ${bindHost} would let other machines reach the workbench, and its access token travels over plain HTTP; pass --allow-remote as well if that is what you want`)
  }
  const stop = stopSignal()
  const engine = await ownOrRelay(target, io, stop.signal)
  const { router, home } = engine
  const log = createFileLogger(join(home, 'logs', 'web-host.log'), debugEnabled(io.env))
  let host: Awaited<ReturnType<typeof startWebHost>>
  try {
    host = await startWebHost({ rendererDir: rendererDir(), port, host: bindHost, allowRemote, router, log, token: dataHomeToken(home) })
  } catch (error) {
    await engine.close()
    throw error
  }
  if (remote) io.stderr(`warning: serving on ${bindHost} (--allow-remote): anyone who can reach it and sees the URL can run actions on this machine; the token travels over plain HTTP.\n`)
  if (json) printJson(io, { url: host.url, port: host.port, home, host: bindHost, remote })
  else io.stdout(`Attune Workbench is serving on ${host.url}\nOpen that URL in a browser (it carries this data home's access token, kept across restarts). Ctrl+C stops.\n`)
  if (engine.workbench === null) io.stderr(`Serving the workbench engine already running on ${home}.\n`)
  void engine.startup?.then((line) => !stop.signal.aborted && line && io.stderr(line))
  await new Promise<void>((resolve) => {
    if (stop.signal.aborted) resolve()
    stop.signal.addEventListener('abort', () => resolve())
    engine.onLost?.(() => {
      io.stderr('The workbench engine this host served stopped; stopping too.\n')
      resolve()
    })
  })
  stop.dispose()
  await host.close()
  // Stopping during startup stops at once and quietly: the startup still running is cut short with the engine.
  await engine.close()
  return EXIT.ok
}

interface ServedEngine {
  readonly home: string
  readonly router: Router
  readonly workbench: Workbench | null
  /** Owner: the startup's last line, once it has run. */
  readonly startup?: Promise<string>
  readonly onLost?: (listener: () => void) => void
  close(): Promise<void>
}

/** Own the home (startup, engine socket), or relay to the long-lived host that owns it. */
async function ownOrRelay(target: Pick<SessionOptions, 'home' | 'engine'>, io: CliIo, signal: AbortSignal): Promise<ServedEngine> {
  const { home } = target
  const layout = homeLayout(home, io.env)
  const endpoint = engineEndpoint(home)
  const owned = await retryWhileHomeHeld<Workbench | EngineConnection>(
    async () => {
      const connection = await connectIfServed(endpoint, home)
      if (connection) {
        const info = await connection.handle('app:info', {})
        // A CLI command's engine ends with its command: wait for it and own the home instead.
        if (info.ok && (info.value as { host: string }).host !== 'cli') return connection
        connection.close()
        throw new HomeLockedError(layout.database)
      }
      return openWorkbench({ ...target.engine, home, env: io.env })
    },
    { pidFile: layout.enginePid, onWait: (message) => io.stderr(`${message}\n`), signal }
  )
  if (!('lifecycle' in owned)) {
    return { home, router: relayAsBrowserHost(owned), workbench: null, onLost: (listener) => owned.onClose(listener), close: async () => owned.close() }
  }
  const workbench = owned
  const tracker = createStartupTracker(workbench)
  const router = createRouter(workbench, { kind: 'browser', version, startup: tracker.state })
  let server: EngineServer | null = null
  try {
    server = await startEngineServer({ endpoint, router, log: createFileLogger(join(home, 'logs', 'engine-socket.log'), debugEnabled(io.env)) })
  } catch (error) {
    io.stderr(`warning: CLI commands cannot use this data home while serve runs: ${error instanceof Error ? error.message : String(error)}\n`)
  }
  const startup = tracker.run().then(() => {
    const { phase, message } = tracker.state()
    return phase === 'failed' ? `${message}\n` : 'Startup finished: ready.\n'
  })
  return {
    home,
    router,
    workbench,
    startup,
    close: async () => {
      await server?.close()
      workbench.close()
    }
  }
}

/** SIGINT or SIGTERM, as an AbortSignal; dispose removes the handlers. */
function stopSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController()
  const stop = (): void => controller.abort()
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return {
    signal: controller.signal,
    dispose: () => {
      process.removeListener('SIGINT', stop)
      process.removeListener('SIGTERM', stop)
    }
  }
}

/** The built renderer beside the built main (`out/renderer` next to `out/main`). */
function rendererDir(): string {
  for (const candidate of [join(__dirname, '..', 'renderer'), join(__dirname, '..', '..', '..', 'out', 'renderer')]) {
    if (existsSync(join(candidate, 'index.html'))) return candidate
  }
  return join(__dirname, '..', 'renderer')
}
