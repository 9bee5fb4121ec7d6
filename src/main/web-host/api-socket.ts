import type { Envelope } from '../../shared/ipc/contract'
import type { LineLogger } from '../ipc/file-logger'
import type { Router } from '../ipc/router'
import type { WebSocketConnection } from './websocket-connection'

/** A request from the page: `{ id, channel, input }`. */
interface SocketRequest {
  readonly id: number | string
  readonly channel: string
  readonly input: unknown
}

/**
 * Serve the router over one WebSocket (the browser host's half of DESIGN.md "IPC"): each request
 * `{id, channel, input}` is answered with `{id, envelope}`, in whatever order calls finish; every
 * engine event is pushed as `{event, payload}` until the socket closes.
 */
export function serveRouterOverSocket(connection: WebSocketConnection, router: Router, log: LineLogger = () => undefined): void {
  const unsubscribe = router.subscribe((event, payload) => connection.send(JSON.stringify({ event, payload })))
  connection.onClose(() => unsubscribe())
  connection.onMessage((text) => {
    const request = parseRequest(text)
    if ('problem' in request) {
      connection.send(JSON.stringify({ id: request.id, envelope: { ok: false, error: { kind: 'bad-input', message: request.problem } } }))
      return
    }
    log(`ws ${request.channel} ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`)
    void router.handle(request.channel, request.input).then((envelope: Envelope<unknown>) => {
      connection.send(JSON.stringify({ id: request.id, envelope }))
    })
  })
}

function parseRequest(text: string): SocketRequest | { id: number | string | null; problem: string } {
  let message: unknown
  try {
    message = JSON.parse(text)
  } catch {
    return { id: null, problem: 'the message is not JSON' }
  }
  if (typeof message !== 'object' || message === null) return { id: null, problem: 'the message is not an object' }
  const { id, channel, input } = message as Record<string, unknown>
  const validId = (typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id.length <= 100)
  if (!validId) return { id: null, problem: 'the message needs an id (a number or a short string)' }
  if (typeof channel !== 'string') return { id: id as number | string, problem: 'the message needs a channel name' }
  return { id: id as number | string, channel, input }
}
