/** A channel answered with an error envelope (or could not be reached): the words, the kind, the channel. */
export class ApiError extends Error {
  constructor(
    readonly kind: string,
    message: string,
    readonly channel: string
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** The preload sends an error's kind as a `[kind] ` prefix (an Error crosses contextBridge with its message only). */
export function fromBridgeError(error: unknown, channel: string): ApiError {
  const raw = error instanceof Error ? error.message : String(error)
  const message = raw.replace(/^Error invoking remote method '[^']*': (Error: )?/, '')
  const match = /^\[([\w-]+)\] ([\s\S]*)$/.exec(message)
  return match ? new ApiError(match[1] as string, match[2] as string, channel) : new ApiError('internal', message, channel)
}
