import type { LogSlice } from '../../../shared/ipc/contract'
import { coalesce } from '../lib/coalesce'
import { LogBuffer } from '../lib/log-buffer'

/**
 * One stream of an execution's log, followed by byte offset: `pull` reads from where it stopped
 * until it reaches the end the host knows of. "log.chunk" events only trigger pulls, so text is never
 * doubled or skipped however events and fetches interleave.
 */
export class LogTail {
  readonly buffer = new LogBuffer()
  offset = 0
  size = 0
  done = false
  readonly pull: () => Promise<void>

  constructor(read: (offset: number) => Promise<LogSlice>, onUpdate: () => void) {
    this.pull = coalesce(async () => {
      for (;;) {
        const slice = await read(this.offset)
        this.buffer.append(slice.text)
        const advanced = slice.nextOffset > this.offset
        this.offset = slice.nextOffset
        this.size = slice.size
        this.done = slice.done
        onUpdate()
        if (!advanced || this.offset >= this.size) return
      }
    })
  }
}
