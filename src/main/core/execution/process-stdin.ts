import type { Writable } from 'node:stream'

/**
 * Write the parameter document to the child's stdin and close it (spec §5.6). Resolves to the write
 * error, or null once everything was handed to the pipe; never rejects. A stdin destroyed before the
 * write finished (the run ended first) resolves to an EPIPE-like error.
 */
export function writeStdin(stdin: Writable, text: string): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    let settled = false
    const settle = (error: NodeJS.ErrnoException | null): void => {
      if (settled) return
      settled = true
      resolve(error)
    }
    stdin.on('error', (error: NodeJS.ErrnoException) => settle(error))
    stdin.on('close', () => settle(stdin.writableFinished ? null : brokenPipe()))
    stdin.end(text, () => {
      if (stdin.writableFinished) settle(null)
    })
  })
}

function brokenPipe(): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error('stdin closed before all parameters were written')
  error.code = 'EPIPE'
  return error
}
