import type { OutputStreamName } from './bounded'

/** The live output callback: whole batches of decoded, redacted text. */
export type OutputListener = (stream: OutputStreamName, text: string) => void

/** Defaults: a batch goes out after 50 ms or once it holds 64 KiB. */
export const BATCH_INTERVAL_MS = 50
export const BATCH_MAX_CHARS = 64 * 1024

/**
 * Groups one stream's text into batches for a live listener, so a chatty action costs a few callbacks
 * per second, not one per write. A batch is sent when it reaches `maxChars` or `intervalMs` after its
 * first text. Memory is one batch. A listener that throws is ignored.
 */
export class OutputBatcher {
  private pending = ''
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly stream: OutputStreamName,
    private readonly listener: OutputListener | undefined,
    private readonly intervalMs: number = BATCH_INTERVAL_MS,
    private readonly maxChars: number = BATCH_MAX_CHARS
  ) {}

  push(text: string): void {
    if (this.listener === undefined || text === '') return
    this.pending += text
    if (this.pending.length >= this.maxChars) this.flush()
    else this.timer ??= setTimeout(() => this.flush(), this.intervalMs)
  }

  /** Send what is pending now. */
  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer)
      this.timer = null
    }
    if (this.pending === '' || this.listener === undefined) return
    const batch = this.pending
    this.pending = ''
    try {
      this.listener(this.stream, batch)
    } catch {
      // The listener's failure is its own; capture carries on.
    }
  }
}
