import type { OutputCapture } from '../output/capture'
import { signalGroup, type SpawnedChild } from './spawn'
import type { Socket } from 'node:net'
import type { Writable } from 'node:stream'
import { writeStdin } from './stdin'

/** Pipes still open this long after the exit are held by a descendant: the wider search starts then. */
const EARLY_REAP_MS = 20

/** How a started process is watched. */
export interface SuperviseOptions {
  /** The whole run, stdin delivery included, must end by then (spec §5.6, §5.10). */
  readonly timeoutMs: number
  /** Between SIGTERM and SIGKILL of the group (spec §5.10: 10 s). */
  readonly killGraceMs: number
  readonly signal?: AbortSignal
  /** The document for stdin and where to write it, or null to leave stdin as it was spawned. */
  readonly stdin: { readonly text: string; readonly stream: Writable; readonly close: 'end' | 'destroy' } | null
  /**
   * Output pipes read by us (`openOutputPipe`, already feeding the captures) in place of the child's own
   * `stdout`/`stderr` streams; a null one is read from the child.
   */
  readonly readers?: { readonly stdout: Socket | null; readonly stderr: Socket | null }
  /** After the process exits, how long its pipes may stay open (held by an escaped descendant). */
  readonly drainMs: number
  readonly onTerminate?: (reason: 'timeout' | 'cancel') => void
  /** Right after the group was killed at exit, before the drain: kill what is left of the process tree. */
  readonly killLeftovers?: () => void
  /**
   * A wider search for descendants that left the group (setsid, daemons), never waited for. Started once the
   * exit is handed over, so the result's last steps (closing the logs) do not share the thread pool with it;
   * or as soon as the pipes stay open {@link EARLY_REAP_MS} after the exit (an escaped descendant holds them),
   * so what it kills ends the drain early.
   */
  readonly reapEscaped?: () => Promise<void>
}

/** How the process ended. */
export interface SupervisedExit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly timedOut: boolean
  readonly cancelled: boolean
  readonly stdinError: NodeJS.ErrnoException | null
}

/**
 * Feed, watch and end one started process (spec §5.6, §5.10).
 *
 * Capture starts before stdin is written. On timeout or abort the process group gets SIGTERM and, after
 * `killGraceMs`, SIGKILL. When the process itself exits, for whatever reason, the group is killed at once,
 * so no descendant outlives the run; its pipes then get `drainMs` to reach EOF before they are destroyed.
 */
export function superviseProcess(child: SpawnedChild, captures: { readonly stdout: OutputCapture; readonly stderr: OutputCapture }, options: SuperviseOptions): Promise<SupervisedExit> {
  return new Promise((resolve) => {
    const pid = child.pid
    let timedOut = false
    let cancelled = false
    let graceTimer: NodeJS.Timeout | null = null
    child.on('error', () => undefined)
    const readers = options.readers ?? { stdout: null, stderr: null }
    const streamsClosed = Promise.all([
      readers.stdout === null ? pipeInto(child.stdout, (chunk) => captures.stdout.push(chunk)) : closed(readers.stdout),
      readers.stderr === null ? pipeInto(child.stderr, (chunk) => captures.stderr.push(chunk)) : closed(readers.stderr)
    ])
    const stdinWrite = options.stdin === null ? null : writeStdin(options.stdin.stream, options.stdin.text, options.stdin.close)

    const terminate = (reason: 'timeout' | 'cancel'): void => {
      if (graceTimer !== null) return
      options.onTerminate?.(reason)
      signalGroup(pid, 'SIGTERM')
      graceTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), options.killGraceMs)
    }
    const deadline = setTimeout(() => {
      timedOut = true
      terminate('timeout')
    }, options.timeoutMs)
    const onAbort = (): void => {
      cancelled = true
      terminate('cancel')
    }
    if (options.signal?.aborted) onAbort()
    else options.signal?.addEventListener('abort', onAbort, { once: true })

    child.once('exit', (code, signal) => {
      clearTimeout(deadline)
      if (graceTimer !== null) clearTimeout(graceTimer)
      options.signal?.removeEventListener('abort', onAbort)
      // Reap orphans: anything left in the group dies with its parent, and so does what escaped it.
      signalGroup(pid, 'SIGKILL')
      // Best effort beyond the spec's group kill; escaped descendants holding the pipes die here, so the drain ends.
      try {
        options.killLeftovers?.()
      } catch {
        // A tree that cannot be read leaves the wider search below.
      }
      let reaping = false
      const reap = (): void => {
        if (reaping) return
        reaping = true
        void options.reapEscaped?.().catch(() => undefined)
      }
      const early = setTimeout(reap, EARLY_REAP_MS)
      void withTimeout(streamsClosed, options.drainMs).then(async (closed) => {
        clearTimeout(early)
        if (!closed) {
          child.stdout?.destroy()
          child.stderr?.destroy()
          readers.stdout?.destroy()
          readers.stderr?.destroy()
        }
        stdinWrite?.abort()
        const stdinError = stdinWrite === null ? null : await stdinWrite.done
        resolve({ code, signal, timedOut, cancelled, stdinError })
        setImmediate(reap)
      })
    })
  })
}

/** Resolves once the stream closed (after its end, or an error). */
function closed(stream: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    stream.on('error', () => resolve())
    stream.on('close', () => resolve())
  })
}

function pipeInto(stream: NodeJS.ReadableStream | null, onChunk: (chunk: Buffer) => void): Promise<void> {
  if (stream === null) return Promise.resolve()
  return new Promise((resolve) => {
    stream.on('data', (chunk: Buffer) => onChunk(chunk))
    stream.on('error', () => resolve())
    stream.on('close', () => resolve())
  })
}

function withTimeout(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    void promise.then(() => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}
