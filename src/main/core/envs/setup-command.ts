import type { BuildLog } from './build-log'
import type { CommandRunner } from './command-runner'
import { diagnoseLine, type NetworkDiagnosis } from './install-diagnosis'
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
  /** How long a command may run on after its first certificate error (default 20 s). */
  readonly certificateGraceMs?: number
  readonly signal?: AbortSignal
}

/**
 * A certificate error is never transient, but not every one is fatal (npm's own version check fails
 * beside an offline install of `file:` packages): the command gets this long to finish before it is
 * stopped, instead of retrying in silence for minutes.
 */
const CERTIFICATE_GRACE_MS = 20_000

/**
 * Run one setup argv without a shell in its own process group, streaming its output into the log line
 * by line. Failures read like the worker's: `<label> failed (exit N, stderr_bytes=M)`, never with the
 * tool's output inside (that is in the log and its tail). Beyond the worker: when the output shows a
 * network or certificate error, the failure says so and names the setting that fixes it, and a command
 * still running {@link CERTIFICATE_GRACE_MS} after an untrusted certificate is stopped.
 */
export async function runSetupCommand(argv: readonly string[], options: SetupCommandOptions): Promise<SetupCommandOutcome> {
  const [file, ...args] = argv
  if (file === undefined || file === '') return { ok: false, error: `${options.label} failed: empty command` }
  const { log } = options
  log.line(`$ ${argv.map(quoteForLog).join(' ')}`)
  log.line(`  (cwd ${options.cwd})`)
  let stderrBytes = 0
  let diagnosis: NetworkDiagnosis | null = null
  const certificateStop = new AbortController()
  const onLine = (line: string): void => {
    log.line(line)
    const found = diagnosis?.kind === 'certificate' ? null : diagnoseLine(line)
    if (found === null) return
    diagnosis = found
    if (found.kind === 'certificate') graceTimer = setTimeout(() => certificateStop.abort(), options.certificateGraceMs ?? CERTIFICATE_GRACE_MS)
  }
  let graceTimer: NodeJS.Timeout | undefined
  const stdout = new LineSplitter(onLine)
  const stderr = new LineSplitter(onLine)
  const result = await options.run(file, args, {
    env: options.env,
    cwd: options.cwd,
    timeoutMs: options.timeoutMs,
    maxOutputBytes: 1024,
    signal: options.signal ? AbortSignal.any([options.signal, certificateStop.signal]) : certificateStop.signal,
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
  clearTimeout(graceTimer)
  const seconds = (result.durationMs / 1000).toFixed(1)
  const found = diagnosis as NetworkDiagnosis | null
  if (found !== null) log.line(`${found.kind === 'certificate' ? 'certificate' : 'network'} error (${found.code}): ${found.message}`)
  if (certificateStop.signal.aborted && !options.signal?.aborted && found !== null) {
    log.line(`stopped after ${seconds} s: still running after a certificate error, which does not go away on retry`)
    return { ok: false, error: `${options.label} failed: ${found.code}: ${found.message}` }
  }
  if (options.signal?.aborted) {
    log.line(`cancelled after ${seconds} s`)
    return { ok: false, error: `${options.label} cancelled` }
  }
  if (result.spawnError !== null) {
    log.line(`could not start ${file}: ${result.spawnError}`)
    return { ok: false, error: `${options.label} failed: ${file} ${result.spawnError}` }
  }
  const because = found === null ? '' : `: ${found.code}: ${found.message}`
  if (result.timedOut) {
    log.line(`timed out after ${seconds} s; the process group was killed`)
    return { ok: false, error: `${options.label} timed out after ${Math.round(options.timeoutMs / 1000)} s${because}` }
  }
  log.line(`exit ${result.exitCode} (${seconds} s)`)
  if (result.exitCode !== 0) {
    return { ok: false, error: `${options.label} failed (exit ${result.exitCode}, stderr_bytes=${stderrBytes})${because}` }
  }
  return { ok: true, error: null }
}

function quoteForLog(arg: string): string {
  return /^[\w@%+=:,./{}-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`
}
