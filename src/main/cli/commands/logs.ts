import { existsSync, readFileSync } from 'node:fs'
import { engineAliveSync, homeLayout } from '../../core/data-home'
import { badInput } from '../../core/errors'
import { executionLogPaths, readSliceSync } from '../../core/execution/execution-views'
import { parseArgs } from '../args'
import { EXIT, printJson, type CliIo } from '../output'

const POLL_MS = 200
const SLICE = 1024 * 1024

/**
 * `logs ID [--follow]`: stdout to stdout, stderr to stderr. Reads the log files directly, so it works
 * while the app or another command holds the data home; `--follow` tails until the run has finished.
 */
export async function logsCommand(home: string, argv: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const args = parseArgs(argv, { flags: ['follow'], short: { f: 'follow' } })
  const id = Number(args.positionals[0])
  if (args.positionals.length !== 1 || !Number.isInteger(id) || id < 1) throw badInput('usage: attune-workbench logs ID [--follow]')
  const layout = homeLayout(home, io.env)
  const paths = executionLogPaths(layout.executions, id)
  if (!existsSync(paths.dir)) throw badInput(`no logs for execution ${id} in ${home} (see executions list)`)
  const offsets = { stdout: 0, stderr: 0 }
  const drain = (): { stdout: string; stderr: string } => {
    const out = { stdout: '', stderr: '' }
    for (const stream of ['stdout', 'stderr'] as const) {
      for (;;) {
        const slice = readSliceSync(paths[stream], offsets[stream], SLICE)
        if (slice.text === '') break
        out[stream] += slice.text
        offsets[stream] = slice.nextOffset
      }
    }
    return out
  }
  if (json && !args.flags.has('follow')) {
    const all = drain()
    printJson(io, { id, ...all, finished: finalStatus(paths.status) })
    return EXIT.ok
  }
  // With --json, stdout carries one document at the end (the contract); the output streams to stderr meanwhile.
  const all = { stdout: '', stderr: '' }
  const done = (finished: string | null): number => {
    if (json) printJson(io, { id, ...all, finished })
    return EXIT.ok
  }
  for (;;) {
    const finished = finalStatus(paths.status)
    const chunk = drain()
    all.stdout += chunk.stdout
    all.stderr += chunk.stderr
    if (chunk.stdout) (json ? io.stderr : io.stdout)(chunk.stdout)
    if (chunk.stderr) io.stderr(chunk.stderr)
    if (!args.flags.has('follow') || finished !== null) return done(finished)
    if (!engineAliveSync(layout.enginePid)) {
      // Nothing can finish this run now: its engine stopped (it becomes `abandoned` at the next start).
      io.stderr(`\n(execution ${id} has no running engine: it did not finish and will be marked abandoned)\n`)
      return done(null)
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

function finalStatus(file: string): string | null {
  if (!existsSync(file)) return null
  try {
    return String((JSON.parse(readFileSync(file, 'utf8')) as { status?: unknown }).status ?? 'finished')
  } catch {
    return 'finished'
  }
}
