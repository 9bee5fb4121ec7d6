import { ApiError } from '../api/api-error'

/** An error as the views show it: what failed in words, the engine's message, and the detail on demand. */
export interface UiError {
  readonly title: string
  readonly message: string
  readonly detail: string
}

export function toUiError(title: string, error: unknown): UiError {
  if (error instanceof ApiError) {
    return { title, message: error.message, detail: `kind: ${error.kind}\nchannel: ${error.channel}\n\n${error.message}` }
  }
  const message = error instanceof Error ? error.message : String(error)
  const stack = error instanceof Error && error.stack ? `\n\n${error.stack}` : ''
  return { title, message, detail: `${message}${stack}` }
}
