import { spawnTurn } from './spawn-turn'

/**
 * execa is ESM-only: loaded on first use, which also keeps it off the start-up path of commands that
 * never probe or build (and lets CommonJS callers such as `tsx bench/…` load this module).
 */
let execaModule: Promise<typeof import('execa')> | undefined
const loadExeca = (): Promise<typeof import('execa')> => (execaModule ??= import('execa'))

/** What a finished (or killed) command left behind. */
export interface CommandResult {
  /** Exit status; -1 when the process died by a signal, timed out, or never started. */
  readonly exitCode: number
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  readonly timedOut: boolean
  /** Set when the process could not be spawned (ENOENT, EACCES, ...). */
  readonly spawnError: string | null
  readonly durationMs: number
}

export interface RunCommandOptions {
  /** The complete child environment: nothing is inherited from this process. */
  readonly env: Readonly<Record<string, string>>
  readonly cwd?: string
  /** Kill the whole process group after this long. */
  readonly timeoutMs: number
  /** Keep at most this many bytes of each stream (the rest is dropped). */
  readonly maxOutputBytes?: number
  readonly stdin?: string
  /** Every chunk of output as it arrives, whole (the byte limit applies only to the captured text). */
  readonly onOutput?: (stream: 'stdout' | 'stderr', chunk: Buffer) => void
  /** Aborting kills the whole process group; the result then looks like a kill (exit -1, SIGKILL). */
  readonly signal?: AbortSignal
  /**
   * Start at once instead of waiting for a spawn turn ({@link spawnTurn}). For bounded bursts of short
   * commands whose caller waits for all of them (verification probes): their starts then run back to back.
   */
  readonly startAtOnce?: boolean
}

const DEFAULT_MAX_OUTPUT = 64 * 1024

/**
 * Run one command without a shell, capturing its output (verification probes, env setup commands).
 *
 * Spawning, the timeout, cancellation and error normalisation are execa's. Two things stay ours:
 * - the child leads its own process group and the whole group is killed as soon as the child exits,
 *   times out or is cancelled, so no descendant outlives its probe (spec §3.1: "the child killed if it
 *   is dropped"); execa kills only the child it started;
 * - output is kept up to `maxOutputBytes` and the rest dropped while the command runs on: execa's
 *   `maxBuffer` would kill a long `pip install` at the cap, so execa does not buffer (`buffer: false`).
 * Never throws: spawn failures come back as `spawnError` with exit code -1.
 */
export async function runCommand(file: string, args: readonly string[], options: RunCommandOptions): Promise<CommandResult> {
  const started = Date.now()
  const limit = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT
  const { execa } = await loadExeca()
  if (options.startAtOnce !== true) await spawnTurn()
  if (options.signal?.aborted) return failedToStart('aborted', started)
  const subprocess = execa(file, [...args], {
    env: { ...options.env },
    extendEnv: false,
    cwd: options.cwd,
    detached: true,
    stdin: options.stdin === undefined ? 'ignore' : 'pipe',
    input: options.stdin,
    buffer: false,
    reject: false,
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
    forceKillAfterDelay: false,
    cancelSignal: options.signal,
    windowsHide: true
  })
  const stdout = new BoundedBuffer(limit)
  const stderr = new BoundedBuffer(limit)
  subprocess.stdout?.on('data', (chunk: Buffer) => {
    stdout.push(chunk)
    options.onOutput?.('stdout', chunk)
  })
  subprocess.stderr?.on('data', (chunk: Buffer) => {
    stderr.push(chunk)
    options.onOutput?.('stderr', chunk)
  })
  // A descendant may still hold the group (and the pipes): it must not outlive its parent.
  subprocess.once('exit', () => killGroup(subprocess.pid))
  const result = await subprocess
  killGroup(subprocess.pid)
  if (result.failed && result.exitCode === undefined && result.signal === undefined && !result.timedOut && !result.isCanceled) {
    return failedToStart(spawnReason(result.code, result.shortMessage ?? 'could not start'), started)
  }
  const killed = result.timedOut || result.isCanceled || result.exitCode === undefined
  return {
    exitCode: killed ? -1 : (result.exitCode ?? -1),
    signal: result.signal ?? null,
    stdout: stdout.text(),
    stderr: stderr.text(),
    timedOut: result.timedOut,
    spawnError: null,
    durationMs: Date.now() - started
  }
}

/** SIGKILL a process group, ignoring groups that are already gone. */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, signal)
  } catch {
    // ESRCH: the group has already exited.
  }
}

function spawnReason(code: string | undefined, message: string): string {
  if (code === 'ENOENT') return 'not found'
  if (code === 'EACCES') return 'not executable'
  return message
}

function failedToStart(reason: string, started: number): CommandResult {
  return { exitCode: -1, signal: null, stdout: '', stderr: '', timedOut: false, spawnError: reason, durationMs: Date.now() - started }
}

class BoundedBuffer {
  private readonly chunks: Buffer[] = []
  private size = 0

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    const room = this.limit - this.size
    if (room <= 0) return
    const kept = chunk.length > room ? chunk.subarray(0, room) : chunk
    this.chunks.push(kept)
    this.size += kept.length
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8')
  }
}
