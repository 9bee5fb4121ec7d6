import { request } from 'node:http'
import { connect } from 'node:net'
import type { EventName, EventPayloads } from '../../../shared/ipc/contract'
import type { Router } from '../../ipc/router'
import type { WebHost } from '../web-host'

type Listener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void

/** A router that echoes what it received (channel and input size) and lets the test push events. */
export function echoRouter() {
  const listeners = new Set<Listener>()
  const router: Router = {
    async handle(channel, input) {
      if (channel === 'unknown:channel') return { ok: false, error: { kind: 'bad-input', message: `unknown channel '${channel}'` } }
      return { ok: true, value: { channel, size: JSON.stringify(input).length } }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }
  return { router, emit: <E extends EventName>(event: E, payload: EventPayloads[E]) => listeners.forEach((listener) => listener(event, payload)), listeners }
}

/** Exchange the host's token for its session cookie, as `name=value`. */
export function sessionCookie(host: WebHost): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path: `/?token=${host.token}`, headers: { Host: `127.0.0.1:${host.port}` } }, (res) => {
      res.resume()
      resolve(String(res.headers['set-cookie']).split(';')[0] ?? '')
    })
    req.on('error', reject)
    req.end()
  })
}

export async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > timeoutMs) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/**
 * The status a hand-written request gets (one Node's client would not send: without Host, with a target
 * that is no URL): the bytes go over a real TCP connection, the status line is read back, the connection
 * is dropped. 0 when the host answered nothing.
 */
export function rawStatus(port: number, text: string | Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text))
    let reply = ''
    const done = (): void => {
      socket.destroy()
      resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(reply)?.[1] ?? 0))
    }
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1')
      if (reply.includes('\r\n')) done()
    })
    socket.on('end', done)
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? done() : reject(error)))
  })
}
