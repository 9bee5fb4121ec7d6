import { chmodSync, rmSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { WorkbenchError } from '../core/errors'
import type { LineLogger } from '../ipc/file-logger'
import { redactForLog } from '../ipc/log-redaction'
import type { Router } from '../ipc/router'
import { inspectEndpointSync, isNamedPipe, prepareEndpointDirSync } from './engine-endpoint'
import { createLineReader, parseRequestLine } from './line-protocol'

export interface EngineServer {
  readonly endpoint: string
  /** Clients connected now. */
  connections(): number
  /** Resolves once no client is connected (at once if none is). */
  idle(): Promise<void>
  close(): Promise<void>
}

/**
 * Serve the router on the data home's endpoint to local clients (the CLI beside the app, a second
 * browser host). Call it only while holding the home's database lock: that lock proves no other
 * engine is alive, so a socket file already there is stale (its engine was killed) and is replaced —
 * unless it belongs to another user, which is refused.
 */
export async function startEngineServer(options: { endpoint: string; router: Router; log?: LineLogger }): Promise<EngineServer> {
  const { endpoint, router } = options
  const log = options.log ?? (() => undefined)
  prepareEndpointDirSync(endpoint)
  const found = inspectEndpointSync(endpoint)
  if (typeof found === 'object') throw new WorkbenchError('environment', found.refused)
  if (found === 'ours' && !isNamedPipe(endpoint)) {
    log(`engine socket: replacing the stale ${endpoint}`)
    rmSync(endpoint, { force: true })
  }
  const sockets = new Set<Socket>()
  let idleWaiters: (() => void)[] = []
  const server = createServer((socket) => {
    sockets.add(socket)
    serveConnection(socket, router, log)
    socket.once('close', () => {
      sockets.delete(socket)
      if (sockets.size === 0) for (const resolve of idleWaiters.splice(0)) resolve()
    })
  })
  await listen(server, endpoint)
  if (!isNamedPipe(endpoint)) chmodSync(endpoint, 0o600)
  log(`engine socket: listening on ${endpoint}`)
  let closed: Promise<void> | null = null
  return {
    endpoint,
    connections: () => sockets.size,
    idle: () => (sockets.size === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of sockets) socket.destroy()
        idleWaiters = []
      }).then(() => {
        // net.Server unlinks its socket file on close; make sure of it for a crash-free exit path.
        if (!isNamedPipe(endpoint)) rmSync(endpoint, { force: true })
      })
      return closed
    }
  }
}

function listen(server: Server, endpoint: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(endpoint, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

/** Bytes a client may leave unread before it is dropped (as the browser host drops a page that stops reading). */
const MAX_UNREAD_BYTES = 8 * 1024 * 1024

/** One client: requests in, answers and every engine event out, until either side closes. */
function serveConnection(socket: Socket, router: Router, log: LineLogger): void {
  const send = (message: unknown): void => {
    if (socket.destroyed) return
    // A client that stops reading (a suspended `logs --follow`) must not grow the engine without bound: it
    // is dropped, and reports that its engine went away.
    if (socket.writableLength > MAX_UNREAD_BYTES) {
      log(`engine socket: a client left more than ${MAX_UNREAD_BYTES} bytes unread; closing it`)
      socket.destroy()
      return
    }
    socket.write(`${JSON.stringify(message)}\n`)
  }
  const unsubscribe = router.subscribe((event, payload) => send({ event, payload }))
  socket.once('close', unsubscribe)
  socket.on('error', () => socket.destroy())
  const read = createLineReader((line) => {
    const request = parseRequestLine(line)
    if ('problem' in request) {
      send({ id: request.id, envelope: { ok: false, error: { kind: 'bad-input', message: request.problem } } })
      return
    }
    // Channel and redacted input only: parameters and secrets never reach the debug log (issue 9, finding 5).
    log(`socket ${request.channel.slice(0, 100)} ${redactForLog(request.input)}`)
    void router.handle(request.channel, request.input).then((envelope) => send({ id: request.id, envelope }))
  })
  socket.on('data', (chunk: Buffer) => {
    if (!read(chunk)) {
      log('engine socket: a client sent an over-long line; closing it')
      socket.destroy()
    }
  })
}
