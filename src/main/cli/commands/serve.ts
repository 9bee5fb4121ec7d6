import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { version } from '../../../../package.json'
import { badInput } from '../../core/errors'
import type { Workbench } from '../../core/workbench'
import { createFileLogger, debugEnabled } from '../../ipc/file-logger'
import { createRouter } from '../../ipc/router'
import { createStartupTracker } from '../../ipc/startup-tracker'
import { startWebHost } from '../../web-host/web-host'
import { optionValue, parseArgs } from '../args'
import { EXIT, printJson, type CliIo } from '../output'

/**
 * `serve [--port N]`: the browser host on 127.0.0.1 until interrupted. It listens first, prints its
 * URL, then runs startup in the worker's order in the background, publishing progress as events.
 * It never opens a browser itself.
 */
export async function serveCommand(workbench: Workbench, argv: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const args = parseArgs(argv, { options: ['port'] })
  const portText = optionValue(args, 'port')
  const port = portText === undefined ? 0 : Number(portText)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw badInput(`--port '${portText}' is not a port number (0-65535)`)
  const tracker = createStartupTracker(workbench)
  const router = createRouter(workbench, { kind: 'browser', version, startup: tracker.state })
  const log = createFileLogger(join(workbench.home, 'logs', 'web-host.log'), debugEnabled(io.env))
  const host = await startWebHost({ rendererDir: rendererDir(), port, router, log })
  if (json) printJson(io, { url: host.url, port: host.port, home: workbench.home })
  else io.stdout(`Attune Workbench is serving on ${host.url}\nOpen that URL in a browser (it carries this start's access token). Ctrl+C stops.\n`)
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
