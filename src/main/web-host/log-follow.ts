import type { EventName } from '../../shared/ipc/contract'
import { LOG_CHUNKS_PARAM } from '../../shared/ipc/socket-url'

/** Which engine events one socket is sent, learning from the requests it makes. */
export interface EventFilter {
  /** A request the socket made, before it is handled. */
  request(channel: string, input: unknown): void
  passes(event: EventName, payload: unknown): boolean
}

/** The most runs a socket's `log.chunk` events are kept for; older ones drop out first. A page reads one at a time. */
export const MAX_READ_LOGS = 64

const EVERY_EVENT: EventFilter = { request: () => undefined, passes: () => true }

/**
 * The filter a socket asked for on the API's URL: every event, or (`?log-chunks=read`) `log.chunk` only for the
 * runs whose log it reads with `executions:log`. A run counts from the request on (before it is answered), so no
 * output falls between the text that request returns and the events after it.
 */
export function eventFilterFor(url: URL | null): EventFilter {
  return url?.searchParams.get(LOG_CHUNKS_PARAM.name) === LOG_CHUNKS_PARAM.read ? readLogsOnly() : EVERY_EVENT
}

function readLogsOnly(): EventFilter {
  const reading = new Set<number>()
  return {
    request(channel, input) {
      const id = channel === 'executions:log' && typeof input === 'object' && input !== null ? (input as { id?: unknown }).id : undefined
      if (typeof id !== 'number' || !Number.isSafeInteger(id)) return
      reading.delete(id)
      reading.add(id)
      if (reading.size > MAX_READ_LOGS) reading.delete(reading.values().next().value as number)
    },
    passes(event, payload) {
      return event !== 'log.chunk' || reading.has((payload as { id: number }).id)
    }
  }
}
