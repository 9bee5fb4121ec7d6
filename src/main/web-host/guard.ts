import type { LineLogger } from '../ipc/file-logger'

/**
 * The one guard around everything the browser host does for a peer (issue 9, finding 1): an HTTP request, a
 * WebSocket upgrade, a message, an event pushed. Whatever `handler` throws is logged and `answer`ed (500, an
 * error envelope), never left to end the process with the runs in flight.
 */
export function guard(log: LineLogger, what: string, handler: () => void, answer: () => void): void {
  try {
    handler()
  } catch (error) {
    try {
      log(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    } catch {
      // A logger that throws is itself the failure; answering comes first.
    }
    try {
      answer()
    } catch {
      // Answering can fail only on a connection that is already gone.
    }
  }
}
