import { closeSync, existsSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * An action's stream log (`stdout.log`, `stderr.log`): text appended as it arrives. Writing never throws; a
 * log that cannot be opened or written is reported by {@link close} as incomplete.
 *
 * Writes are synchronous, on purpose: each is one chunk (at most a pipe read, 64 KiB) appended to a local
 * file, and a log stops growing at the output cap (10 MiB by default). A write stream would queue what a
 * slower disk has not taken yet in memory (up to the whole capped log) and make the run's end wait for a
 * thread-pool round trip to flush and close; here the log is complete the moment the stream ends, so spec
 * §5.8's finalization timeout can never be reached.
 */
export class LogFile {
  private fd: number | null
  private failure: string | null = null

  private constructor(fd: number | null) {
    this.fd = fd
  }

  /** Why the log is incomplete (the first write or open error, e.g. ENOSPC), or null. */
  get problem(): string | null {
    return this.failure
  }

  /** Open `path` for appending (folders created); null `path` gives a log that keeps nothing. */
  static openSync(path: string | null): LogFile {
    if (path === null) return new LogFile(null)
    try {
      // The run's log folder is usually there already: a `mkdir -p` per log is a wasted call per run.
      if (!existsSync(dirname(path))) mkdirSync(dirname(path), { recursive: true })
      return new LogFile(openSync(path, 'a', 0o600))
    } catch (error) {
      const log = new LogFile(null)
      log.fail(error)
      return log
    }
  }

  write(text: string): void {
    if (this.fd === null || this.failure !== null || text === '') return
    const bytes = Buffer.from(text, 'utf8')
    try {
      // A regular file takes a whole write unless the disk fills; loop anyway rather than lose a tail.
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(this.fd, bytes, offset)
    } catch (error) {
      this.fail(error)
    }
  }

  /** Close the log; whether everything was written. */
  close(): boolean {
    if (this.fd !== null) {
      try {
        closeSync(this.fd)
      } catch (error) {
        this.fail(error)
      }
      this.fd = null
    }
    return this.failure === null
  }

  private fail(error: unknown): void {
    this.failure ??= error instanceof Error ? error.message : String(error)
  }
}
