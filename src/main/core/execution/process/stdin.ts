import type { Writable } from 'node:stream'

/** A stdin write in progress. */
export interface StdinWrite {
  /** The write error, or null once everything was handed to the pipe; never rejects. */
  readonly done: Promise<NodeJS.ErrnoException | null>
  /** The run is over: an unfinished write becomes a broken pipe, and the pipe is closed. */
  abort(): void
}

/**
 * Write the parameter document to the child's stdin, then close it so the child sees EOF (spec §5.6).
 *
 * `close` is how the writer is closed once written: `end` for a Node pipe, `destroy` for our FIFO end
 * (which has no socket shutdown). A write still pending when the run ends (a child that never read its
 * input) resolves to an EPIPE error on {@link StdinWrite.abort}.
 */
export function writeStdin(stdin: Writable, text: string, close: 'end' | 'destroy'): StdinWrite {
  let settle: (error: NodeJS.ErrnoException | null) => void = () => undefined
  let settled = false
  const done = new Promise<NodeJS.ErrnoException | null>((resolve) => {
    settle = (error) => {
      if (settled) return
      settled = true
      resolve(error)
    }
  })
  stdin.on('error', (error: NodeJS.ErrnoException) => settle(error))
  stdin.write(text, (error) => {
    if (error) {
      settle(error)
      return
    }
    settle(null)
    if (close === 'end') stdin.end()
    else stdin.destroy()
  })
  return {
    done,
    abort: () => {
      settle(brokenPipe())
      stdin.destroy()
    }
  }
}

function brokenPipe(): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error('stdin closed before all parameters were written')
  error.code = 'EPIPE'
  return error
}
