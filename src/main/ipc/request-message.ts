/** A contract call as a socket client sends it: `{ id, channel, input }` (browser host and engine socket alike). */
export interface RequestMessage {
  readonly id: number | string
  readonly channel: string
  readonly input: unknown
}

/** What is wrong with a message, with its id when there is one to answer. */
export interface RequestProblem {
  readonly id: number | string | null
  readonly problem: string
}

/** Check a parsed message's shape: an object with an id (a number or a short string) and a channel name. */
export function readRequestMessage(message: unknown): RequestMessage | RequestProblem {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return { id: null, problem: 'the message is not an object' }
  const { id, channel, input } = message as Record<string, unknown>
  const validId = (typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id.length <= 100)
  if (!validId) return { id: null, problem: 'the message needs an id (a number or a short string)' }
  if (typeof channel !== 'string') return { id: id as number | string, problem: 'the message needs a channel name' }
  return { id: id as number | string, channel, input }
}
