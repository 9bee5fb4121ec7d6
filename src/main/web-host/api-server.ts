import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type ServerOptions, type WebSocket } from 'ws'
import type { LineLogger } from '../ipc/file-logger'
import type { Router } from '../ipc/router'
import { serveRouterOverSocket } from './api-socket'
import { eventFilterFor } from './log-follow'
import { parseTarget } from './request-guard'

export interface ApiSocketOptions {
  /** The largest message accepted, all fragments together (`ws`'s maxPayload; larger closes with 1009). */
  readonly maxMessageBytes?: number
  /** The most fragments one message may have (`ws`'s maxFragments; more closes with 1008). */
  readonly maxFragments?: number
  /** Bytes a client may leave unread for `maxStallMs` before it is dropped (backpressure; see `backlogWatch`). */
  readonly maxBufferedBytes?: number
  readonly maxStallMs?: number
  /** How often to ping; a peer that has not answered the previous ping by then is dropped. */
  readonly heartbeatMs?: number
  /** How long to wait for the peer's close frame before cutting the connection. */
  readonly closeTimeoutMs?: number
}

const DEFAULTS: Required<ApiSocketOptions> = {
  maxMessageBytes: 8 * 1024 * 1024,
  maxFragments: 1024,
  maxBufferedBytes: 8 * 1024 * 1024,
  maxStallMs: 1_000,
  heartbeatMs: 30_000,
  closeTimeoutMs: 2_000
}

/** The API's WebSocket side of the browser host: upgrades already checked by the host's guards are handed in. */
export interface ApiServer {
  accept(request: IncomingMessage, socket: Duplex, head: Buffer): void
  /** Close every socket with 1001 (cut after the close timeout) and stop. */
  close(): Promise<void>
}

/**
 * The `ws` package does the protocol (framing, fragments, ping/pong, the closing handshake, UTF-8 and size
 * checks); this adds the limits, a heartbeat that drops silent peers, and the router on each socket.
 */
export function createApiServer(router: Router, options: ApiSocketOptions = {}, log: LineLogger = () => undefined): ApiServer {
  const limits = { ...DEFAULTS, ...options }
  // ws 8.23 takes closeTimeout; @types/ws does not list it yet.
  const serverOptions: ServerOptions & { readonly closeTimeout: number } = {
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    maxFragments: limits.maxFragments,
    closeTimeout: limits.closeTimeoutMs,
    perMessageDeflate: false
  }
  const server = new WebSocketServer(serverOptions)
  const alive = new WeakSet<WebSocket>()
  const heartbeat = setInterval(() => {
    for (const client of server.clients) {
      if (!alive.has(client)) {
        client.terminate()
        continue
      }
      alive.delete(client)
      client.ping()
    }
  }, limits.heartbeatMs)
  heartbeat.unref()
  return {
    accept(request, socket, head) {
      server.handleUpgrade(request, socket, head, (client) => {
        alive.add(client)
        client.on('pong', () => alive.add(client))
        client.on('error', (error) => log(`ws closed on a protocol error: ${error.message}`))
        const events = eventFilterFor(parseTarget(request.url))
        serveRouterOverSocket(client, router, { maxBufferedBytes: limits.maxBufferedBytes, maxStallMs: limits.maxStallMs, log, events })
      })
    },
    close() {
      clearInterval(heartbeat)
      for (const client of server.clients) client.close(1001, 'the workbench is shutting down')
      return new Promise((resolve) => server.close(() => resolve()))
    }
  }
}
