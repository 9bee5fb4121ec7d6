/**
 * RFC 6455 framing, pure: encode frames and decode a byte stream into frames. No extensions, so the
 * RSV bits must be clear; the connection layer assembles fragments and answers control frames.
 */

export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const
export type Opcode = (typeof OPCODE)[keyof typeof OPCODE]

/** Close codes used here (RFC 6455 §7.4.1). */
export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  protocolError: 1002,
  unsupportedData: 1003,
  noStatus: 1005,
  invalidPayload: 1007,
  policyViolation: 1008,
  tooBig: 1009,
  internalError: 1011
} as const

export interface Frame {
  readonly fin: boolean
  readonly opcode: Opcode
  readonly payload: Buffer
}

/** A violation of the protocol, carrying the close code to answer with. */
export class WebSocketProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string
  ) {
    super(message)
    this.name = 'WebSocketProtocolError'
  }
}

const KNOWN_OPCODES = new Set<number>(Object.values(OPCODE))

/** One frame as bytes. Servers send unmasked frames; clients (and tests acting as one) pass a mask key. */
export function encodeFrame(opcode: Opcode, payload: Buffer | string, options: { fin?: boolean; mask?: Buffer } = {}): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload
  const fin = options.fin ?? true
  const length = data.length
  const extended = length < 126 ? 0 : length < 0x10000 ? 2 : 8
  const maskBytes = options.mask ? 4 : 0
  const frame = Buffer.allocUnsafe(2 + extended + maskBytes + length)
  frame[0] = (fin ? 0x80 : 0) | opcode
  frame[1] = (options.mask ? 0x80 : 0) | (extended === 0 ? length : extended === 2 ? 126 : 127)
  if (extended === 2) frame.writeUInt16BE(length, 2)
  else if (extended === 8) frame.writeBigUInt64BE(BigInt(length), 2)
  const start = 2 + extended + maskBytes
  if (options.mask) {
    options.mask.copy(frame, 2 + extended, 0, 4)
    for (let i = 0; i < length; i++) frame[start + i] = (data[i] as number) ^ (options.mask[i & 3] as number)
  } else data.copy(frame, start)
  return frame
}

/** The close frame's payload: a code and a short UTF-8 reason (at most 123 bytes). */
export function closePayload(code: number, reason = ''): Buffer {
  const text = Buffer.from(reason, 'utf8').subarray(0, 123)
  const payload = Buffer.allocUnsafe(2 + text.length)
  payload.writeUInt16BE(code, 0)
  text.copy(payload, 2)
  return payload
}

/** Whether a close code may appear on the wire (RFC 6455 §7.4). */
export function isValidCloseCode(code: number): boolean {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011) || (code >= 3000 && code <= 4999)
}

interface Header {
  readonly fin: boolean
  readonly opcode: Opcode
  readonly mask: Buffer | null
  readonly length: number
}

/**
 * Turns a byte stream into frames. Large payloads are collected as chunks and joined once, so a
 * multi-MiB message costs one copy. Throws `WebSocketProtocolError` on a malformed stream.
 */
export class FrameDecoder {
  private pending: Buffer = Buffer.alloc(0)
  private header: Header | null = null
  private chunks: Buffer[] = []
  private received = 0

  constructor(private readonly options: { readonly maxPayload: number; readonly requireMask: boolean }) {}

  push(data: Buffer): Frame[] {
    const frames: Frame[] = []
    let input = data
    for (;;) {
      if (!this.header) {
        this.pending = this.pending.length === 0 ? input : Buffer.concat([this.pending, input])
        input = Buffer.alloc(0)
        const parsed = this.readHeader(this.pending)
        if (!parsed) return frames
        this.header = parsed.header
        input = this.pending.subarray(parsed.size)
        this.pending = Buffer.alloc(0)
      }
      const needed = this.header.length - this.received
      if (input.length < needed) {
        if (input.length > 0) this.chunks.push(input)
        this.received += input.length
        return frames
      }
      this.chunks.push(input.subarray(0, needed))
      input = input.subarray(needed)
      frames.push(this.finishFrame(this.header))
      this.header = null
      this.chunks = []
      this.received = 0
      if (input.length === 0) return frames
    }
  }

  private finishFrame(header: Header): Frame {
    const payload = this.chunks.length === 1 ? Buffer.from(this.chunks[0] as Buffer) : Buffer.concat(this.chunks)
    if (header.mask) for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] as number) ^ (header.mask[i & 3] as number)
    return { fin: header.fin, opcode: header.opcode, payload }
  }

  private readHeader(buffer: Buffer): { header: Header; size: number } | null {
    if (buffer.length < 2) return null
    const first = buffer[0] as number
    const second = buffer[1] as number
    if (first & 0x70) throw new WebSocketProtocolError(CLOSE.protocolError, 'reserved bits set without an extension')
    const opcode = first & 0x0f
    if (!KNOWN_OPCODES.has(opcode)) throw new WebSocketProtocolError(CLOSE.protocolError, `unknown opcode ${opcode}`)
    const fin = (first & 0x80) !== 0
    const masked = (second & 0x80) !== 0
    if (this.options.requireMask && !masked) throw new WebSocketProtocolError(CLOSE.protocolError, 'client frames must be masked')
    let length = second & 0x7f
    let offset = 2
    if (length === 126) {
      if (buffer.length < 4) return null
      length = buffer.readUInt16BE(2)
      offset = 4
    } else if (length === 127) {
      if (buffer.length < 10) return null
      const big = buffer.readBigUInt64BE(2)
      if (big > BigInt(this.options.maxPayload)) throw new WebSocketProtocolError(CLOSE.tooBig, 'message too big')
      length = Number(big)
      offset = 10
    }
    if (opcode >= OPCODE.close && (!fin || length > 125)) throw new WebSocketProtocolError(CLOSE.protocolError, 'control frames must be whole and at most 125 bytes')
    if (length > this.options.maxPayload) throw new WebSocketProtocolError(CLOSE.tooBig, 'message too big')
    let mask: Buffer | null = null
    if (masked) {
      if (buffer.length < offset + 4) return null
      mask = Buffer.from(buffer.subarray(offset, offset + 4))
      offset += 4
    }
    return { header: { fin, opcode: opcode as Opcode, mask, length }, size: offset }
  }
}
