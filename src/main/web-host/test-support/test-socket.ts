import { randomBytes } from 'node:crypto'
import { request } from 'node:http'
import type { Socket } from 'node:net'
import { acceptValue } from '../websocket-upgrade'
import { encodeFrame, FrameDecoder, OPCODE, type Frame, type Opcode } from '../websocket-frames'

/** The client end of a WebSocket for tests: masked frames out, frames in, in order. */
export interface TestSocket {
  send(opcode: Opcode, payload: Buffer | string, fin?: boolean): void
  sendRaw(bytes: Buffer): void
  /** The next frame from the server (waits for it). */
  next(): Promise<Frame>
  /** The next text message, parsed as JSON. */
  nextJson(): Promise<Record<string, unknown>>
  readonly ended: Promise<void>
  destroy(): void
}

export type Upgrade = { kind: 'open'; socket: TestSocket } | { kind: 'refused'; status: number; body: string }

/** Ask for an upgrade at /api (or `path`) with the given headers on top of a valid handshake. */
export function openTestSocket(port: number, headers: Record<string, string | undefined>, path = '/api'): Promise<Upgrade> {
  const key = randomBytes(16).toString('base64')
  const base: Record<string, string | undefined> = {
    Host: `127.0.0.1:${port}`,
    Origin: `http://127.0.0.1:${port}`,
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': key
  }
  const merged = Object.fromEntries(Object.entries({ ...base, ...headers }).filter(([, value]) => value !== undefined)) as Record<string, string>
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: merged })
    req.on('upgrade', (response, socket: Socket, head: Buffer) => {
      if (response.headers['sec-websocket-accept'] !== acceptValue(key)) reject(new Error('wrong Sec-WebSocket-Accept'))
      resolve({ kind: 'open', socket: wrap(socket, head) })
    })
    req.on('response', (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk.toString()))
      response.on('end', () => resolve({ kind: 'refused', status: response.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

function wrap(socket: Socket, head: Buffer): TestSocket {
  const decoder = new FrameDecoder({ maxPayload: 64 * 1024 * 1024, requireMask: false })
  const frames: Frame[] = []
  const waiting: ((frame: Frame) => void)[] = []
  const deliver = (data: Buffer): void => {
    for (const frame of decoder.push(data)) {
      const waiter = waiting.shift()
      if (waiter) waiter(frame)
      else frames.push(frame)
    }
  }
  socket.on('data', deliver)
  if (head.length > 0) deliver(head)
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  const next = (): Promise<Frame> => {
    const frame = frames.shift()
    return frame ? Promise.resolve(frame) : new Promise((resolve) => waiting.push(resolve))
  }
  return {
    send: (opcode, payload, fin = true) => void socket.write(encodeFrame(opcode, payload, { fin, mask: randomBytes(4) })),
    sendRaw: (bytes) => void socket.write(bytes),
    next,
    async nextJson() {
      for (;;) {
        const frame = await next()
        if (frame.opcode === OPCODE.text) return JSON.parse(frame.payload.toString('utf8')) as Record<string, unknown>
        if (frame.opcode === OPCODE.close) throw new Error(`closed with ${frame.payload.readUInt16BE(0)}`)
      }
    },
    ended,
    destroy: () => socket.destroy()
  }
}
