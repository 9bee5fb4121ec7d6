import { createWriteStream, type WriteStream } from 'node:fs'
import { mkdir, rename, stat } from 'node:fs/promises'
import { dirname } from 'node:path'

const TAIL_LINES = 40
/** A log past this size is moved to `<log>.old` when the next build starts. */
const ROTATE_BYTES = 4 * 1024 * 1024

/**
 * The setup log of one build: lines appended to the env's log file, passed on to `onProgress`, and the
 * last {@link TAIL_LINES} kept for the failure message. Writing never throws; a log that cannot be
 * opened just leaves the file out.
 */
export class BuildLog {
  private readonly tailLines: string[] = []

  private constructor(
    readonly file: string | null,
    private readonly stream: WriteStream | null,
    private readonly onProgress: ((line: string) => void) | undefined
  ) {}

  static async open(file: string, onProgress?: (line: string) => void): Promise<BuildLog> {
    try {
      await mkdir(dirname(file), { recursive: true, mode: 0o700 })
      const size = await stat(file).then((stats) => stats.size, () => 0)
      if (size > ROTATE_BYTES) await rename(file, `${file}.old`)
      const stream = createWriteStream(file, { flags: 'a', mode: 0o600 })
      stream.on('error', () => undefined)
      return new BuildLog(file, stream, onProgress)
    } catch {
      return new BuildLog(null, null, onProgress)
    }
  }

  line(text: string): void {
    this.tailLines.push(text)
    if (this.tailLines.length > TAIL_LINES) this.tailLines.shift()
    this.stream?.write(`${text}\n`)
    try {
      this.onProgress?.(text)
    } catch {
      // A listener's failure must not fail the build.
    }
  }

  /** The last lines written by this build. */
  tail(): string[] {
    return [...this.tailLines]
  }

  close(): Promise<void> {
    const stream = this.stream
    if (stream === null) return Promise.resolve()
    return new Promise((resolve) => {
      // 'close' follows both a clean finish and a failed stream, so this always settles.
      stream.once('close', () => resolve())
      stream.end()
    })
  }
}
