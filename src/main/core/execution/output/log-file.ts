import { createWriteStream, existsSync, mkdirSync, openSync, type WriteStream } from 'node:fs'
import { dirname } from 'node:path'
import { finished } from 'node:stream'

/**
 * An action's stream log (`stdout.log`, `stderr.log`): text appended as it arrives. Writing never throws; a
 * log that cannot be opened or written is reported by {@link close} as incomplete.
 */
export class LogFile {
  private failed = false
  private failure: string | null = null

  private constructor(private readonly stream: WriteStream | null) {
    stream?.on('error', (error) => this.fail(error))
  }

  /** Why the log is incomplete (the first write or open error, e.g. ENOSPC), or null. */
  get problem(): string | null {
    return this.failure
  }

  /**
   * Open `path` for appending (folders created); null `path` gives a log that keeps nothing. Opened at once,
   * not by the stream in the thread pool: a run's first output then never waits for the open.
   */
  static openSync(path: string | null): LogFile {
    if (path === null) return new LogFile(null)
    try {
      // The run's log folder is usually there already: a `mkdir -p` per log is a wasted call per run.
      if (!existsSync(dirname(path))) mkdirSync(dirname(path), { recursive: true })
      const fd = openSync(path, 'a', 0o600)
      return new LogFile(createWriteStream(path, { fd, flags: 'a' }))
    } catch (error) {
      const log = new LogFile(null)
      log.fail(error)
      return log
    }
  }

  write(text: string): void {
    if (this.stream === null || this.failed || text === '') return
    try {
      this.stream.write(text)
    } catch (error) {
      this.fail(error)
    }
  }

  private fail(error: unknown): void {
    this.failed = true
    this.failure ??= error instanceof Error ? error.message : String(error)
  }

  /**
   * Flush and close within `timeoutMs` (spec §5.8 live log finalization, default 1 s); resolves to whether
   * everything was written.
   */
  close(timeoutMs: number): Promise<boolean> {
    const stream = this.stream
    if (stream === null) return Promise.resolve(!this.failed)
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        stream.destroy()
        this.failure ??= `not flushed within ${timeoutMs} ms`
        resolve(false)
      }, timeoutMs)
      // `finished` hands over a write error however it races the end (an ENOSPC of the last write
      // reaches the end callback before the 'error' event).
      finished(stream, (error) => {
        clearTimeout(timer)
        if (error) this.fail(error)
        resolve(!this.failed)
      })
      stream.end()
    })
  }
}
