import type { Duplex } from 'node:stream'
import { CLOSE, closePayload, encodeFrame, FrameDecoder, isValidCloseCode, OPCODE, WebSocketProtocolError, type Frame } from './websocket-frames'

export interface WebSocketConnectionOptions {
  /** The largest message accepted, all fragments together. */
  readonly maxMessageBytes?: number
  /** How often to ping; a peer that has not answered the previous ping by then is dropped. */
  readonly heartbeatMs?: number
  /** How long to wait for the peer's close frame before cutting the connection. */
  readonly closeTimeoutMs?: number
}

const DEFAULT_MAX_MESSAGE = 8 * 1024 * 1024
const DEFAULT_HEARTBEAT_MS = 30_000
const DEFAULT_CLOSE_TIMEOUT_MS = 2_000
const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The server end of one WebSocket after the handshake (RFC 6455): text messages in and out, fragments
 * assembled, pings answered, the closing handshake done, protocol errors closed with their code.
 * Binary messages are refused (1003): the API speaks JSON.
 */
export class WebSocketConnection {
  private readonly decoder: FrameDecoder
  private readonly maxMessage: number
  private fragments: Buffer[] | null = null
  private fragmentBytes = 0
  private closing = false
  private closed = false
  private awaitingPong = false
  private readonly heartbeat: NodeJS.Timeout
  private readonly messageListeners: ((text: string) => void)[] = []
  private readonly closeListeners: ((code: number) => void)[] = []

  constructor(
    private readonly socket: Duplex,
    private readonly options: WebSocketConnectionOptions = {}
  ) {
    this.maxMessage = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE
    this.decoder = new FrameDecoder({ maxPayload: this.maxMessage, requireMask: true })
    socket.on('data', (data: Buffer) => this.receive(data))
    // The HTTP server's sockets allow half-open connections: a peer that just hangs up must be let go here.
    socket.on('end', () => {
      socket.end()
      this.finish(CLOSE.goingAway)
    })
    socket.on('close', () => this.finish(CLOSE.goingAway))
    socket.on('error', () => socket.destroy())
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS)
    this.heartbeat.unref()
  }

  onMessage(listener: (text: string) => void): void {
    this.messageListeners.push(listener)
  }

  onClose(listener: (code: number) => void): void {
    this.closeListeners.push(listener)
  }

  get isOpen(): boolean {
    return !this.closing && !this.closed
  }

  /** Send one text message (one frame); dropped once closing. */
  send(text: string): void {
    if (this.isOpen) this.socket.write(encodeFrame(OPCODE.text, text))
  }

  /** Start the closing handshake; the socket ends when the peer answers or after a timeout. */
  close(code: number = CLOSE.normal, reason = ''): void {
    if (!this.isOpen) return
    this.closing = true
    this.socket.write(encodeFrame(OPCODE.close, closePayload(code, reason)))
    setTimeout(() => this.socket.destroy(), this.options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS).unref()
  }

  /** Feed bytes that arrived with the upgrade request. */
  receive(data: Buffer): void {
    if (this.closed) return
    let frames: Frame[]
    try {
      frames = this.decoder.push(data)
    } catch (error) {
      return this.fail(error)
    }
    for (const frame of frames) {
      try {
        this.dispatch(frame)
      } catch (error) {
        return this.fail(error)
      }
      if (this.closed) return
    }
  }

  private dispatch(frame: Frame): void {
    switch (frame.opcode) {
      case OPCODE.ping:
        if (this.isOpen) this.socket.write(encodeFrame(OPCODE.pong, frame.payload))
        return
      case OPCODE.pong:
        this.awaitingPong = false
        return
      case OPCODE.close:
        return this.answerClose(frame.payload)
      case OPCODE.text:
      case OPCODE.binary:
        if (this.fragments) throw new WebSocketProtocolError(CLOSE.protocolError, 'a new message began inside a fragmented one')
        if (frame.opcode === OPCODE.binary) throw new WebSocketProtocolError(CLOSE.unsupportedData, 'binary messages are not accepted')
        if (frame.fin) return this.deliver(frame.payload)
        this.fragments = [frame.payload]
        this.fragmentBytes = frame.payload.length
        return
      case OPCODE.continuation:
        if (!this.fragments) throw new WebSocketProtocolError(CLOSE.protocolError, 'a continuation frame without a message')
        this.fragmentBytes += frame.payload.length
        if (this.fragmentBytes > this.maxMessage) throw new WebSocketProtocolError(CLOSE.tooBig, 'message too big')
        this.fragments.push(frame.payload)
        if (!frame.fin) return
        this.deliver(Buffer.concat(this.fragments))
        this.fragments = null
        this.fragmentBytes = 0
        return
    }
  }

  private deliver(payload: Buffer): void {
    let text: string
    try {
      text = utf8.decode(payload)
    } catch {
      throw new WebSocketProtocolError(CLOSE.invalidPayload, 'text message is not valid UTF-8')
    }
    if (!this.isOpen) return
    for (const listener of this.messageListeners) listener(text)
  }

  private answerClose(payload: Buffer): void {
    let code: number = CLOSE.noStatus
    if (payload.length === 1) throw new WebSocketProtocolError(CLOSE.protocolError, 'close frame with a one-byte payload')
    if (payload.length >= 2) {
      code = payload.readUInt16BE(0)
      if (!isValidCloseCode(code)) throw new WebSocketProtocolError(CLOSE.protocolError, `invalid close code ${code}`)
      try {
        utf8.decode(payload.subarray(2))
      } catch {
        throw new WebSocketProtocolError(CLOSE.invalidPayload, 'close reason is not valid UTF-8')
      }
    }
    if (!this.closing) this.socket.write(encodeFrame(OPCODE.close, code === CLOSE.noStatus ? Buffer.alloc(0) : closePayload(code)))
    this.closing = true
    this.socket.end()
    this.finish(code)
  }

  private fail(error: unknown): void {
    const code = error instanceof WebSocketProtocolError ? error.code : CLOSE.internalError
    const reason = error instanceof Error ? error.message : 'internal error'
    if (!this.closing && !this.closed) this.socket.write(encodeFrame(OPCODE.close, closePayload(code, reason)))
    this.closing = true
    this.socket.end()
    setTimeout(() => this.socket.destroy(), this.options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS).unref()
    this.finish(code)
  }

  private beat(): void {
    if (!this.isOpen) return
    if (this.awaitingPong) {
      this.socket.destroy()
      return
    }
    this.awaitingPong = true
    this.socket.write(encodeFrame(OPCODE.ping, Buffer.alloc(0)))
  }

  private finish(code: number): void {
    if (this.closed) return
    this.closed = true
    clearInterval(this.heartbeat)
    for (const listener of this.closeListeners) listener(code)
  }
}
