import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'

/**
 * Ask `question` on a terminal and read one line without echoing it (for secrets).
 *
 * The question goes to `write`; readline puts the terminal in raw mode and everything it would write
 * back (the echo of what is typed, cursor moves) goes nowhere. Resolves the line, or null when the user
 * ends the input (Ctrl-D) or interrupts (Ctrl-C).
 */
export function askHidden(input: NodeJS.ReadableStream, write: (text: string) => void, question: string): Promise<string | null> {
  return new Promise((resolve) => {
    let answered = false
    const muted = new Writable({ write: (_chunk, _encoding, done) => done() })
    const reader = createInterface({ input, output: muted, terminal: true })
    reader.on('SIGINT', () => reader.close())
    reader.on('close', () => {
      if (answered) return
      write('\n')
      resolve(null)
    })
    write(question)
    reader.question('', (answer) => {
      answered = true
      reader.close()
      write('\n')
      resolve(answer)
    })
  })
}
