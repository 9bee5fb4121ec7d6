import type { WebSocket } from 'ws'
import type { Envelope } from '../../shared/ipc/contract'
import type { LineLogger } from '../ipc/file-logger'
import { redactForLog } from '../ipc/log-redaction'
import { readRequestMessage, type RequestMessage, type RequestProblem } from '../ipc/request-message'
import type { Router } from '../ipc/router'
import { guard } from './guard'
import type { EventFilter } from './log-follow'

/** Close codes of RFC 6455 §7.4.1 this module sends. */
const UNSUPPORTED_DATA = 1003

/** Backpressure: how much a client may leave unread, and for how long. */
export interface BacklogLimits {
  /** Unsent bytes a client may hold for a while (one large reply, a burst of output). */
  readonly maxBufferedBytes: number
  /** How long the backlog may stay above `maxBufferedBytes`; four times that many bytes drop a client at once. */
  readonly maxStallMs: number
}

/**
 * A client's backlog over time: true once it has stayed above the bound for `maxStallMs`, or passed four times
 * the bound. A client that reads, however slowly, falls back under the bound and starts over.
 */
export function backlogWatch(limits: BacklogLimits): (bufferedBytes: number, now: number) => boolean {
  let overSince: number | null = null
  return (bufferedBytes, now) => {
    if (bufferedBytes <= limits.maxBufferedBytes) {
      overSince = null
      return false
    }
    overSince ??= now
    return bufferedBytes > 4 * limits.maxBufferedBytes || now - overSince >= limits.maxStallMs
  }
}

/**
 * Serve the router over one WebSocket (the browser host's half of DESIGN.md "IPC"): each request
 * `{id, channel, input}` is answered with `{id, envelope}`, in whatever order calls finish; every
 * engine event `events` lets through (all unless the page asked otherwise, see log-follow.ts) is pushed as
 * `{event, payload}` until the socket closes. A client that does not read
 * (see `backlogWatch`) is dropped rather than buffered without bound; the page reconnects and reloads. A
 * router that throws answers with an error envelope; the socket and the host stay up.
 */
export function serveRouterOverSocket(socket: WebSocket, router: Router, options: BacklogLimits & { readonly log?: LineLogger; readonly events?: EventFilter }): void {
  const log = options.log ?? (() => undefined)
  const events = options.events
  const stalled = backlogWatch(options)
  const send = (message: unknown): void => {
    if (socket.readyState !== socket.OPEN) return
    if (stalled(socket.bufferedAmount, performance.now())) {
      log(`ws client dropped: ${socket.bufferedAmount} bytes unsent (bound ${options.maxBufferedBytes} for ${options.maxStallMs} ms); it does not read what it is sent`)
      socket.terminate()
      return
    }
    socket.send(JSON.stringify(message))
  }
  const drop = (): void => socket.terminate()
  const unsubscribe = router.subscribe((event, payload) => {
    if (events === undefined || events.passes(event, payload)) guard(log, `ws event ${event}`, () => send({ event, payload }), drop)
  })
  socket.on('close', () => unsubscribe())
  socket.on('message', (data, isBinary) => {
    let id: number | string | null = null
    const reply = (envelope: Envelope<unknown>): void => guard(log, 'ws reply', () => send({ id, envelope }), drop)
    guard(
      log,
      'ws message',
      () => {
        if (isBinary) return socket.close(UNSUPPORTED_DATA, 'binary messages are not accepted')
        const request = parseRequest(data.toString())
        id = request.id
        if ('problem' in request) return reply(failure('bad-input', request.problem))
        log(`ws ${request.channel.slice(0, 100)} ${redactForLog(request.input)}`)
        events?.request(request.channel, request.input)
        void answer(router, request).then(reply)
      },
      () => reply(failure('internal', 'the host failed to handle this message; it keeps serving'))
    )
  })
}

async function answer(router: Router, request: RequestMessage): Promise<Envelope<unknown>> {
  try {
    return await router.handle(request.channel, request.input)
  } catch (error) {
    // The router promises never to throw; if it does anyway, the page still gets its answer.
    return failure('internal', `${request.channel}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function failure(kind: string, message: string): Envelope<unknown> {
  return { ok: false, error: { kind, message } }
}

function parseRequest(text: string): RequestMessage | RequestProblem {
  try {
    return readRequestMessage(JSON.parse(text))
  } catch {
    return { id: null, problem: 'the message is not JSON' }
  }
}
