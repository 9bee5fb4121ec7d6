import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'

/** RFC 6455 §4.2.2: the accept value for a client's `Sec-WebSocket-Key`. */
export function acceptValue(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64')
}

/** Why the request is not a WebSocket opening handshake we can accept, with the HTTP status; or null. */
export function handshakeProblem(request: IncomingMessage): { status: number; message: string } | null {
  if (request.method !== 'GET') return { status: 405, message: 'A WebSocket handshake is a GET request.' }
  if ((request.headers.upgrade ?? '').toLowerCase() !== 'websocket') return { status: 400, message: 'Expected Upgrade: websocket.' }
  if (!(request.headers.connection ?? '').toLowerCase().split(',').some((token) => token.trim() === 'upgrade')) {
    return { status: 400, message: 'Expected Connection: Upgrade.' }
  }
  if (request.headers['sec-websocket-version'] !== '13') return { status: 426, message: 'Only WebSocket version 13 is spoken here.' }
  const key = request.headers['sec-websocket-key'] ?? ''
  if (!/^[A-Za-z0-9+/]{22}==$/.test(key)) return { status: 400, message: 'Missing or malformed Sec-WebSocket-Key.' }
  return null
}

/** Complete the handshake on the raw socket. */
export function acceptHandshake(request: IncomingMessage, socket: Duplex): void {
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\n' +
      'Upgrade: websocket\r\n' +
      'Connection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${acceptValue(request.headers['sec-websocket-key'] ?? '')}\r\n\r\n`
  )
}

/** Answer an upgrade request with a plain HTTP error and drop the socket. */
export function refuseHandshake(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`
  const extra = status === 426 ? 'Sec-WebSocket-Version: 13\r\n' : ''
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Refused'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      extra +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    () => socket.destroy()
  )
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  421: 'Misdirected Request',
  426: 'Upgrade Required'
}
