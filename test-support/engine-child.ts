/**
 * Run as a separate process (`node --import <tsx loader>`) by the executor tests: an engine holding a
 * data home, as the app or a CLI command would, that starts one run and reports it as JSON lines.
 *
 *   argv[2]  JSON {@link EngineChildConfig}
 *   stdout   {"event":"started","id":N}, then {"event":"status","id":N,"status":S} for each change
 *   stdin    its end cancels the run if it is still going, closes the engine and exits 0 (a test may
 *            SIGKILL it instead: a crash)
 */
import { openOwnerSession } from '../src/main/cli/owner-session'
import { openWorkbench } from '../src/main/core/workbench'
import { engineEndpoint } from '../src/main/engine-socket/engine-endpoint'
import type { EngineChildConfig } from './exec-machine'

function say(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`)
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as EngineChildConfig
  const options = { home: config.home, env: config.env, ...config.options }
  const io = { stdout: (text: string) => process.stderr.write(text), stderr: (text: string) => process.stderr.write(text), env: config.env }
  // Serving, it is a CLI command's owner session: the same engine socket the app and `serve` listen on.
  const session = config.serve ? await openOwnerSession(options, engineEndpoint(config.home), io) : null
  const workbench = session?.workbench ?? openWorkbench(options)
  workbench.events.on('execution.updated', (event) => say({ event: 'status', id: event.id, status: event.status }))
  const started = workbench.executions.start(config.action, config.parameters ?? {})
  say({ event: 'started', id: started.id })
  process.stdin.resume()
  process.stdin.on('end', () => {
    workbench.executions.cancel(started.id)
    void workbench.executions.wait(started.id).finally(async () => {
      if (session) await session.close()
      else workbench.close()
      process.exit(0)
    })
  })
}

main().catch((error: unknown) => {
  say({ event: 'error', message: error instanceof Error ? error.message : String(error) })
  process.exit(1)
})
