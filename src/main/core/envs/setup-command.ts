import type { BuildLog } from './build-log'
import type { CommandRunner } from './command-runner'
import { LineSplitter } from './line-splitter'

/** How one setup command ended. */
export interface SetupCommandOutcome {
  readonly ok: boolean
  /** Null when it ran and exited 0; otherwise the worker-style message (spec §4.2, §4.4 [newest]). */
  readonly error: string | null
}

/** Options for {@link runSetupCommand}. */
export interface SetupCommandOptions {
  /** `Environment creation` or `Dependency installation`: the subject of the failure message. */
  readonly label: string
  readonly cwd: string
  readonly env: Readonly<Record<string, string>>
  readonly log: BuildLog
  readonly run: CommandRunner
  readonly timeoutMs: number
  readonly signal?: AbortSignal
}

/**
 * Run one setup argv without a shell in its own process group, streaming its output into the log line
 * by line. Failures read like the worker's: `<label> failed (exit N, stderr_bytes=M)`, never with the
 * tool's output inside (that is in the log and its tail).
 */
export async function runSetupCommand(argv: readonly string[], options: SetupCommandOptions): Promise<SetupCommandOutcome> {
  const [file, ...args] = argv
  if (file === undefined || file === '') return { ok: false, error: `${options.label} failed: empty command` }
  const { log } = options
  log.line(`$ ${argv.map(quoteForLog).join(' ')}`)
  log.line(`  (cwd ${options.cwd})`)
  let stderrBytes = 0
  const stdout = new LineSplitter((line) => log.line(line))
  const stderr = new LineSplitter((line) => log.line(line))
  const result = await options.run(file, args, {
    env: options.env,
    cwd: options.cwd,
    timeoutMs: options.timeoutMs,
    maxOutputBytes: 1024,
    ...(options.signal && { signal: options.signal }),
    onOutput: (stream, chunk) => {
      if (stream === 'stderr') {
        stderrBytes += chunk.length
        stderr.push(chunk)
      } else {
        stdout.push(chunk)
      }
    }
  })
  stdout.end()
  stderr.end()
  const seconds = (result.durationMs / 1000).toFixed(1)
  if (options.signal?.aborted) {
    log.line(`cancelled after ${seconds} s`)
    return { ok: false, error: `${options.label} cancelled` }
  }
  if (result.spawnError !== null) {
    log.line(`could not start ${file}: ${result.spawnError}`)
    return { ok: false, error: `${options.label} failed: ${file} ${result.spawnError}` }
  }
  if (result.timedOut) {
    log.line(`timed out after ${seconds} s; the process group was killed`)
    return { ok: false, error: `${options.label} timed out after ${Math.round(options.timeoutMs / 1000)} s` }
  }
  log.line(`exit ${result.exitCode} (${seconds} s)`)
  if (result.exitCode !== 0) {
    return { ok: false, error: `${options.label} failed (exit ${result.exitCode}, stderr_bytes=${stderrBytes})` }
  }
  return { ok: true, error: null }
}

function quoteForLog(arg: string): string {
  return /^[\w@%+=:,./{}-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`
}
