/** Past this size a capped accumulator grows straight to its cap (see {@link ByteAccumulator}). */
const DIRECT_GROWTH_BYTES = 1024 * 1024

/**
 * Bytes appended into one growing buffer: a child writing a byte at a time must not cost an object per
 * write. Capacity doubles, up to `capacityHint` when it is larger than what is needed.
 *
 * Past {@link DIRECT_GROWTH_BYTES} a finite `capacityHint` (an output cap) is allocated at once instead of
 * doubling on: each doubling holds the old and the new buffer together (8 + 10 MiB on the last step to a
 * 10 MiB cap), while a large zero-filled allocation is paged in only as it is written.
 */
export class ByteAccumulator {
  private buffer = Buffer.alloc(0)
  private used = 0

  constructor(private readonly capacityHint: number = Number.MAX_SAFE_INTEGER) {}

  get length(): number {
    return this.used
  }

  append(data: Uint8Array | string): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
    if (bytes.length === 0) return
    const needed = this.used + bytes.length
    if (needed > this.buffer.length) {
      const doubled = Math.max(this.buffer.length * 2, 4096)
      const direct = doubled > DIRECT_GROWTH_BYTES && this.capacityHint !== Number.MAX_SAFE_INTEGER
      const grown = Buffer.alloc(Math.max(needed, direct ? this.capacityHint : Math.min(doubled, this.capacityHint)))
      this.buffer.copy(grown, 0, 0, this.used)
      this.buffer = grown
    }
    this.buffer.set(bytes, this.used)
    this.used = needed
  }

  /** A copy of the bytes so far. */
  bytes(): Buffer {
    return Buffer.from(this.buffer.subarray(0, this.used))
  }

  /** The bytes so far decoded as (lossy) UTF-8. */
  text(): string {
    return this.buffer.toString('utf8', 0, this.used)
  }
}
