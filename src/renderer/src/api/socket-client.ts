import { CHANNEL_NAMES } from '../../../shared/ipc/channel-names'
import type { Api, Envelope, EventName, EventPayloads } from '../../../shared/ipc/contract'
import { ApiError } from './api-error'

export type ConnectionState = 'connecting' | 'open' | 'closed'

/** The `Api` over the browser host's WebSocket, plus the connection's state. */
export interface SocketApi {
  readonly api: Api
  state(): ConnectionState
  /** Called on every change; a re-`open` after a drop means events may have been missed. */
  onStateChange(listener: (state: ConnectionState) => void): () => void
}

interface Pending {
  readonly channel: string
  readonly resolve: (value: unknown) => void
  readonly reject: (error: Error) => void
}

const MAX_RETRY_MS = 5000

/**
 * The browser's half of the host's WebSocket protocol: `{id, channel, input}` out, `{id, envelope}`
 * and `{event, payload}` in. Calls made while connecting wait; a dropped socket fails the calls in
 * flight and reconnects with back-off (the session cookie goes with every attempt).
 */
export function createSocketApi(url: string): SocketApi {
  const pending = new Map<number, Pending>()
  const queued: string[] = []
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>()
  const stateListeners = new Set<(state: ConnectionState) => void>()
  let socket: WebSocket | null = null
  let state: ConnectionState = 'connecting'
  let nextId = 1
  let retryMs = 250

  const setState = (next: ConnectionState): void => {
    if (next === state) return
    state = next
    for (const listener of stateListeners) listener(next)
  }

  const connect = (): void => {
    setState('connecting')
    const current = new WebSocket(url)
    socket = current
    current.onopen = () => {
      retryMs = 250
      setState('open')
      for (const message of queued.splice(0)) current.send(message)
    }
    current.onmessage = (message) => receive(String(message.data))
    current.onclose = () => {
      socket = null
      for (const [id, call] of pending) {
        pending.delete(id)
        call.reject(new ApiError('disconnected', 'The connection to the workbench was lost; the call may not have finished.', call.channel))
      }
      setState('closed')
      setTimeout(connect, retryMs)
      retryMs = Math.min(MAX_RETRY_MS, retryMs * 2)
    }
  }

  const receive = (text: string): void => {
    let message: { id?: number; envelope?: Envelope<unknown>; event?: string; payload?: unknown }
    try {
      message = JSON.parse(text) as typeof message
    } catch {
      return
    }
    if (typeof message.event === 'string') {
      for (const listener of eventListeners.get(message.event) ?? []) listener(message.payload)
      return
    }
    const call = typeof message.id === 'number' ? pending.get(message.id) : undefined
    if (!call || !message.envelope) return
    pending.delete(message.id as number)
    if (message.envelope.ok) call.resolve(message.envelope.value)
    else call.reject(new ApiError(message.envelope.error.kind, message.envelope.error.message, call.channel))
  }

  const call = (channel: string, input: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++
      pending.set(id, { channel, resolve, reject })
      const message = JSON.stringify({ id, channel, input: input ?? {} })
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(message)
      else queued.push(message)
    })

  function on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    const set = eventListeners.get(event) ?? new Set()
    const wrapped = listener as (payload: unknown) => void
    set.add(wrapped)
    eventListeners.set(event, set)
    return () => set.delete(wrapped)
  }

  const channels = Object.fromEntries(CHANNEL_NAMES.map((channel) => [channel, (input: unknown) => call(channel, input)]))
  connect()
  return {
    api: { ...channels, on } as unknown as Api,
    state: () => state,
    onStateChange(listener) {
      stateListeners.add(listener)
      return () => stateListeners.delete(listener)
    }
  }
}
