import { StringDecoder } from 'node:string_decoder'

/**
 * Turns a stream of byte chunks into whole lines: multi-byte characters split across chunks are kept
 * intact, `\r\n` and `\n` end a line, and a trailing partial line is held until {@link end}.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8')
  private pending = ''

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    this.pending += this.decoder.write(chunk)
    const lines = this.pending.split(/\r?\n/)
    this.pending = lines.pop() ?? ''
    for (const line of lines) this.onLine(line)
  }

  /** Flush the last line, if the stream did not end with a newline. */
  end(): void {
    const rest = this.pending + this.decoder.end()
    this.pending = ''
    if (rest !== '') this.onLine(rest)
  }
}
