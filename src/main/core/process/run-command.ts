import { spawn } from 'node:child_process'
import { spawnTurn } from './spawn-turn'

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
}

const DEFAULT_MAX_OUTPUT = 64 * 1024

/**
 * Run one command without a shell, capturing its output.
 *
 * The child gets only `options.env` and its own process group, so a timeout kills it and every
 * descendant (spec §3.1: "the child killed if it is dropped"). Never throws: spawn failures come back
 * as `spawnError` with exit code -1.
 */
export async function runCommand(file: string, args: readonly string[], options: RunCommandOptions): Promise<CommandResult> {
  const started = Date.now()
  const limit = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT
  await spawnTurn()
  return new Promise((resolve) => {
    if (options.signal?.aborted) {
      resolve(failedToStart(new Error('aborted'), started))
      return
    }
    let child: ReturnType<typeof spawn>
    try {
      child = spawn(file, [...args], {
        env: { ...options.env },
        cwd: options.cwd,
        detached: true,
        stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        windowsHide: true
      })
    } catch (error) {
      resolve(failedToStart(error, started))
      return
    }
    const stdout = new BoundedBuffer(limit)
    const stderr = new BoundedBuffer(limit)
    let timedOut = false
    let settled = false
    const timer = setTimeout(() => {
      timedOut = true
      killGroup(child.pid)
    }, options.timeoutMs)
    const onAbort = (): void => killGroup(child.pid)
    options.signal?.addEventListener('abort', onAbort, { once: true })
    const onOutput = options.onOutput

    child.stdout?.on('data', (chunk: Buffer) => {
      stdout.push(chunk)
      onOutput?.('stdout', chunk)
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk)
      onOutput?.('stderr', chunk)
    })
    if (options.stdin !== undefined && child.stdin) {
      child.stdin.on('error', () => undefined)
      child.stdin.end(options.stdin)
    }
    child.on('error', (error) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      resolve(failedToStart(error, started))
    })
    child.on('close', (code, signal) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      // A descendant may still hold the group; it must not outlive its parent's probe.
      killGroup(child.pid)
      resolve({
        exitCode: timedOut || code === null ? -1 : code,
        signal,
        stdout: stdout.text(),
        stderr: stderr.text(),
        timedOut,
        spawnError: null,
        durationMs: Date.now() - started
      })
    })
  })
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

function failedToStart(error: unknown, started: number): CommandResult {
  const err = error as NodeJS.ErrnoException
  const reason = err.code === 'ENOENT' ? 'not found' : err.code === 'EACCES' ? 'not executable' : err.message
  return {
    exitCode: -1,
    signal: null,
    stdout: '',
    stderr: '',
    timedOut: false,
    spawnError: reason,
    durationMs: Date.now() - started
  }
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
