import { ByteAccumulator } from './bytes'

/** Default cap of each stream (spec §5.8: 10 MiB). */
export const DEFAULT_MAX_OUTPUT_BYTES = 10 * 1024 * 1024
/** Bytes of the cap kept free for the truncation notice (spec §5.8). */
export const NOTICE_RESERVE_BYTES = 128

export type OutputStreamName = 'stdout' | 'stderr'

/** `\n\n[OUTPUT TRUNCATED: stdout exceeded size limit]\n`, appended once per stream. */
export function truncationNotice(stream: OutputStreamName): string {
  return `\n\n[OUTPUT TRUNCATED: ${stream} exceeded size limit]\n`
}

/**
 * One stream's captured bytes under the worker's cap (spec §5.8 log writer).
 *
 * At most `max − 128` data bytes are kept; a chunk that crosses that limit is cut. The first time data is
 * dropped the notice is appended once; later data is dropped silently. `totalBytes` counts every byte
 * offered, `bytesTruncated` = offered − kept. Memory stays at most `max` bytes whatever is offered.
 */
export class BoundedOutput {
  private readonly data: ByteAccumulator
  private kept = 0
  private offered = 0
  private noticeAdded = false
  private readonly limit: number

  constructor(
    readonly stream: OutputStreamName,
    readonly maxBytes: number = DEFAULT_MAX_OUTPUT_BYTES
  ) {
    this.limit = Math.max(0, maxBytes - NOTICE_RESERVE_BYTES)
    this.data = new ByteAccumulator(maxBytes)
  }

  /**
   * Offer a chunk; returns the bytes appended to the content (the kept data, then the notice the first
   * time data is dropped), which is exactly what a log of this stream must receive.
   */
  push(chunk: Uint8Array): Buffer {
    if (chunk.length === 0) return Buffer.alloc(0)
    this.offered += chunk.length
    const room = this.limit - this.kept
    if (chunk.length <= room) {
      const data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length)
      this.append(data)
      return data
    }
    const parts: Buffer[] = []
    if (room > 0) parts.push(Buffer.from(chunk.subarray(0, room)))
    if (!this.noticeAdded) {
      this.noticeAdded = true
      parts.push(Buffer.from(truncationNotice(this.stream), 'utf8'))
    }
    const appended = Buffer.concat(parts)
    if (room > 0) this.kept += room
    this.data.append(appended)
    return appended
  }

  /** Kept data plus the notice, as bytes. */
  content(): Buffer {
    return this.data.bytes()
  }

  /** {@link content} decoded as lossy UTF-8 (invalid bytes become U+FFFD). */
  text(): string {
    return this.data.text()
  }

  get truncated(): boolean {
    return this.noticeAdded
  }

  /** Every byte offered, kept or not. */
  get totalBytes(): number {
    return this.offered
  }

  /** Data bytes kept (the notice not counted). */
  get keptBytes(): number {
    return this.kept
  }

  get bytesTruncated(): number {
    return this.offered - this.kept
  }

  private append(data: Buffer): void {
    this.data.append(data)
    this.kept += data.length
  }
}
