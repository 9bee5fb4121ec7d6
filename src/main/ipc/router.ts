import { channels, type Channel, type Envelope, type EventName, type EventPayloads } from '../../shared/ipc/contract'
import { EVENT_NAMES } from '../../shared/ipc/channel-names'
import { storageError, WorkbenchError } from '../core/errors'
import type { Workbench } from '../core/workbench'
import { createHandlers, type HostHooks } from './handlers'

/** The transport-neutral face of the engine: every adapter (Electron, WebSocket) goes through it. */
export interface Router {
  /** Validate the input against the channel's schema, call the engine, answer with an envelope. Never throws. */
  handle(channel: string, input: unknown): Promise<Envelope<unknown>>
  /** Receive every engine event the contract names; returns the unsubscribe function. */
  subscribe(listener: <E extends EventName>(event: E, payload: EventPayloads[E]) => void): () => void
}

const EVENTS: readonly EventName[] = EVENT_NAMES

export function createRouter(workbench: Workbench, host: HostHooks): Router {
  const handlers = createHandlers(workbench, host) as unknown as Record<Channel, (input: unknown) => unknown>
  return {
    async handle(channel, input) {
      if (!Object.prototype.hasOwnProperty.call(channels, channel)) {
        return { ok: false, error: { kind: 'bad-input', message: `unknown channel '${String(channel).slice(0, 100)}'` } }
      }
      const parsed = channels[channel as Channel].input.safeParse(input ?? {})
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ')
        return { ok: false, error: { kind: 'bad-input', message: `${channel}: ${issues}` } }
      }
      try {
        return { ok: true, value: await handlers[channel as Channel](parsed.data) }
      } catch (error) {
        const known = error instanceof WorkbenchError ? error : storageError(error)
        if (known) return { ok: false, error: { kind: known.kind, message: known.message } }
        return { ok: false, error: { kind: 'internal', message: error instanceof Error ? error.message : String(error) } }
      }
    },
    subscribe(listener) {
      const offs = EVENTS.map((event) => workbench.events.on(event, (payload) => listener(event, payload as never)))
      return () => offs.forEach((off) => off())
    }
  }
}
