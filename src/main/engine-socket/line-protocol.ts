import { LineSplitter } from '../core/envs/line-splitter'
import { parseJsonExact } from '../core/execution/parameters/parse'
import { readRequestMessage, type RequestMessage, type RequestProblem } from '../ipc/request-message'

/**
 * The engine socket's wire format: newline-delimited JSON, one message per line. A request is
 * `{id, channel, input}`, its answer `{id, envelope}`, and every engine event `{event, payload}` — the
 * same messages the browser host's WebSocket carries. Plain lines over node:net instead of the `ws`
 * package: a local socket needs no HTTP upgrade, Origin or token (the file's permissions are the
 * access check), and lines cost nothing to frame.
 */

const EXACT_NUMBER_HINT = /\d[.eE]|\d{16}/

/** A line longer than this ends the connection: no client of the contract sends one. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024

/** Parse one request line, or say what is wrong with it (with the id when there is one to answer). */
export function parseRequestLine(text: string): RequestMessage | RequestProblem {
  let message: unknown
  try {
    message = JSON.parse(text)
    // A float written `1.0` or an integer past 2^53 keeps its text, as parameters from the CLI must
    // (`worker-numbers.ts`); only lines that may hold one pay for the exact parse.
    if (EXACT_NUMBER_HINT.test(text)) message = parseJsonExact(text)
  } catch {
    return { id: null, problem: 'the message is not JSON' }
  }
  return readRequestMessage(message)
}

/**
 * Feed a byte stream to `onLine` line by line (the engine's {@link LineSplitter}: UTF-8 safe); returns
 * false once a line grows past `max` bytes without ending.
 */
export function createLineReader(onLine: (line: string) => void, max = MAX_LINE_BYTES): (chunk: Buffer) => boolean {
  const splitter = new LineSplitter((line) => line.trim() !== '' && onLine(line))
  let open = 0
  return (chunk) => {
    const last = chunk.lastIndexOf(10)
    open = last === -1 ? open + chunk.length : chunk.length - last - 1
    if (open > max) return false
    splitter.push(chunk)
    return true
  }
}
