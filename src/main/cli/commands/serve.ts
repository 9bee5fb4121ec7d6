import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { version } from '../../../../package.json'
import { badInput } from '../../core/errors'
import type { Workbench } from '../../core/workbench'
import { createFileLogger, debugEnabled } from '../../ipc/file-logger'
import { createRouter } from '../../ipc/router'
import { createStartupTracker } from '../../ipc/startup-tracker'
import { isLoopbackAddress } from '../../web-host/request-guard'
import { dataHomeToken } from '../../web-host/host-token'
import { startWebHost } from '../../web-host/web-host'
import { optionValue, parseArgs } from '../args'
import { EXIT, printJson, type CliIo } from '../output'

/**
 * `serve [--port N] [--host ADDR [--allow-remote]]`: the browser host on 127.0.0.1 (or another loopback
 * address) until interrupted; an address other machines can reach only with `--allow-remote`. It
 * listens first, prints its URL, then runs startup in the worker's order in the background, publishing
 * progress as events. It never opens a browser itself.
 */
export async function serveCommand(workbench: Workbench, argv: readonly string[], json: boolean, io: CliIo): Promise<number> {
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
  const tracker = createStartupTracker(workbench)
  const router = createRouter(workbench, { kind: 'browser', version, startup: tracker.state })
  const log = createFileLogger(join(workbench.home, 'logs', 'web-host.log'), debugEnabled(io.env))
  const host = await startWebHost({ rendererDir: rendererDir(), port, host: bindHost, allowRemote, router, log, token: dataHomeToken(workbench.home) })
  if (remote) io.stderr(`warning: serving on ${bindHost} (--allow-remote): anyone who can reach it and sees the URL can run actions on this machine; the token travels over plain HTTP.\n`)
  if (json) printJson(io, { url: host.url, port: host.port, home: workbench.home, host: bindHost, remote })
  else io.stdout(`Attune Workbench is serving on ${host.url}\nOpen that URL in a browser (it carries this data home's access token, kept across restarts). Ctrl+C stops.\n`)
  const started = tracker.run().then(() => {
    const { phase, message } = tracker.state()
    io.stderr(phase === 'failed' ? `${message}\n` : 'Startup finished: ready.\n')
  })
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await host.close()
  // Let a startup still running (verification, env builds) settle before the engine closes under it.
  await Promise.race([started, new Promise((resolve) => setTimeout(resolve, 5000).unref())])
  return EXIT.ok
}

/** The built renderer beside the built main (`out/renderer` next to `out/main`). */
function rendererDir(): string {
  for (const candidate of [join(__dirname, '..', 'renderer'), join(__dirname, '..', '..', '..', 'out', 'renderer')]) {
    if (existsSync(join(candidate, 'index.html'))) return candidate
  }
  return join(__dirname, '..', 'renderer')
}
