import type { Socket } from 'node:net'
import * as wsModule from 'ws'
import WebSocket from 'ws'

interface FrameOptions {
  readonly opcode: number
  readonly fin: boolean
  readonly mask: boolean
  readonly readOnly: boolean
  readonly rsv1: boolean
}

/** `ws`'s own frame builder (its `Sender` export, ws/lib/sender.js), which @types/ws does not describe. */
const { Sender } = wsModule as unknown as { readonly Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] } }

/** Opcodes of RFC 6455 §5.2, for frames a test writes on purpose. */
export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const

/** The client end of a WebSocket for tests: `ws`'s client, plus a way to write frames it would never send. */
export interface TestSocket {
  readonly ws: WebSocket
  send(text: string): void
  /** One frame built by `ws`'s Sender, written straight to the connection (masked unless `mask: false`). */
  sendFrame(opcode: number, payload: Buffer | string, options?: { readonly fin?: boolean; readonly mask?: boolean }): void
  /** The next text message, parsed as JSON (waits for it; fails if the socket closes first). */
  nextJson(): Promise<Record<string, unknown>>
  /** The close code the server sent (1006 when the connection was cut without one). */
  readonly closed: Promise<number>
  destroy(): void
}

export type Upgrade = { kind: 'open'; socket: TestSocket } | { kind: 'refused'; status: number; body: string }

/**
 * Ask for an upgrade at /api (or `path`) with the given headers on top of a valid handshake from the page's
 * origin; `undefined` leaves a header out. `Sec-WebSocket-Version` picks the client's protocol version.
 */
export function openTestSocket(port: number, headers: Record<string, string | undefined>, path = '/api'): Promise<Upgrade> {
  const base: Record<string, string | undefined> = { Host: `127.0.0.1:${port}`, Origin: `http://127.0.0.1:${port}` }
  const { 'Sec-WebSocket-Version': version, ...merged } = { ...base, ...headers }
  const sent = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined)) as Record<string, string>
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers: sent, protocolVersion: version === undefined ? 13 : Number(version) })
  let raw: Socket | null = null
  ws.on('upgrade', (response) => (raw = response.socket as Socket))
  return new Promise((resolve, reject) => {
    ws.on('unexpected-response', (_request, response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => (body += chunk.toString()))
      response.on('end', () => resolve({ kind: 'refused', status: response.statusCode ?? 0, body }))
    })
    ws.once('error', reject)
    ws.once('open', () => {
      ws.off('error', reject)
      resolve({ kind: 'open', socket: wrap(ws, () => raw) })
    })
  })
}

function wrap(ws: WebSocket, raw: () => Socket | null): TestSocket {
  const messages: string[] = []
  const waiting: { resolve: (text: string) => void; reject: (error: Error) => void }[] = []
  let closeCode: number | null = null
  // Errors (a protocol error the server caused on purpose) end in 'close' as well.
  ws.on('error', () => undefined)
  ws.on('message', (data) => {
    const text = (data as Buffer).toString('utf8')
    const waiter = waiting.shift()
    if (waiter) waiter.resolve(text)
    else messages.push(text)
  })
  const closed = new Promise<number>((resolve) =>
    ws.once('close', (code) => {
      closeCode = code
      for (const waiter of waiting.splice(0)) waiter.reject(new Error(`closed with ${code}`))
      resolve(code)
    })
  )
  const next = (): Promise<string> => {
    const text = messages.shift()
    if (text !== undefined) return Promise.resolve(text)
    if (closeCode !== null) return Promise.reject(new Error(`closed with ${closeCode}`))
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }))
  }
  return {
    ws,
    send: (text) => ws.send(text),
    sendFrame(opcode, payload, options = {}) {
      const data = Buffer.from(payload)
      const frame = Sender.frame(data, { opcode, fin: options.fin ?? true, mask: options.mask ?? true, readOnly: false, rsv1: false })
      raw()?.write(Buffer.concat(frame.map((part) => Buffer.from(part))))
    },
    nextJson: async () => JSON.parse(await next()) as Record<string, unknown>,
    closed,
    destroy: () => ws.terminate()
  }
}
