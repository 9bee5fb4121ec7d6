import { CHANNEL_NAMES } from '../../shared/ipc/channel-names'
import type { Api, Channel, Envelope } from '../../shared/ipc/contract'
import { WorkbenchError, type ErrorKind } from '../core/errors'
import type { Router } from './router'

const KINDS: readonly string[] = ['bad-input', 'environment', 'failed'] satisfies ErrorKind[]

/**
 * The contract as the `Api` the renderer sees, over a router: the engine in this process or the engine
 * socket of another. An error envelope becomes the error the engine threw (a `WorkbenchError` of the
 * same kind and message), so a host prints the same text whichever way the call went.
 */
export function apiOverRouter(router: Router): Api {
  const api: Record<string, unknown> = {
    on: (event: string, listener: (payload: unknown) => void) => router.subscribe((name, payload) => name === event && listener(payload))
  }
  for (const channel of CHANNEL_NAMES) api[channel] = async (input: unknown) => unwrap(await router.handle(channel satisfies Channel, input))
  return api as unknown as Api
}

function unwrap(envelope: Envelope<unknown>): unknown {
  if (envelope.ok) return envelope.value
  const { kind, message } = envelope.error
  throw KINDS.includes(kind) ? new WorkbenchError(kind as ErrorKind, message) : new Error(message)
}
