import { connect, type Socket } from 'node:net'
import type { Envelope, EventName, EventPayloads } from '../../shared/ipc/contract'
import { workerJson } from '../core/execution/parameters/worker-numbers'
import type { Router } from '../ipc/router'
import { createLineReader } from './line-protocol'

/** A connection to the engine that owns a data home: the same `Router` face as the engine in process. */
export interface EngineConnection extends Router {
  /** Called once when the connection ends (the engine stopped or was killed). */
  onClose(listener: () => void): void
  close(): void
}

/**
 * Connect to a data home's engine. Rejects with the socket error (ENOENT, ECONNREFUSED: no engine is
 * listening — a stale socket) so the caller can open the home itself instead. Once connected, a
 * request whose answer never comes because the engine went away resolves with an `environment` error.
 */
export function connectEngine(endpoint: string, stoppedMessage = 'the engine holding the data home stopped before it answered'): Promise<EngineConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect(endpoint)
    socket.once('error', reject)
    socket.once('connect', () => {
      socket.off('error', reject)
      resolve(wrap(socket, stoppedMessage))
    })
  })
}

function wrap(socket: Socket, stoppedMessage: string): EngineConnection {
  let nextId = 1
  let ended = false
  const pending = new Map<number, (envelope: Envelope<unknown>) => void>()
  const listeners = new Set<<E extends EventName>(event: E, payload: EventPayloads[E]) => void>()
  const closeListeners: (() => void)[] = []
  const read = createLineReader((line) => {
    let message: { id?: unknown; envelope?: Envelope<unknown>; event?: EventName; payload?: unknown }
    try {
      message = JSON.parse(line) as typeof message
    } catch {
      return
    }
    if (typeof message.event === 'string') {
      for (const listener of listeners) listener(message.event, message.payload as never)
      return
    }
    const answer = typeof message.id === 'number' ? pending.get(message.id) : undefined
    if (answer && message.envelope) {
      pending.delete(message.id as number)
      answer(message.envelope)
    }
  })
  const end = (): void => {
    if (ended) return
    ended = true
    for (const answer of pending.values()) answer({ ok: false, error: { kind: 'environment', message: stoppedMessage } })
    pending.clear()
    for (const listener of closeListeners.splice(0)) listener()
  }
  socket.on('data', (chunk: Buffer) => {
    if (!read(chunk)) socket.destroy()
  })
  socket.on('error', () => socket.destroy())
  socket.on('close', end)
  return {
    handle(channel, input) {
      if (ended) return Promise.resolve({ ok: false, error: { kind: 'environment', message: stoppedMessage } })
      const id = nextId++
      return new Promise((resolve) => {
        pending.set(id, resolve)
        // Number tokens as the CLI read them (`1.0`, 20-digit integers), which JSON.stringify would not keep.
        socket.write(`${workerJson({ id, channel, input: input ?? {} })}\n`)
      })
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onClose(listener) {
      if (ended) listener()
      else closeListeners.push(listener)
    },
    close() {
      socket.end()
      socket.destroy()
    }
  }
}
