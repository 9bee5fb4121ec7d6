import { createInterface } from 'node:readline'
import type { CliInput } from './output'

/**
 * Ask a yes/no question on a terminal; true only for "y" or "yes" (any case).
 *
 * The question goes to `write` (stderr, so stdout stays the command's output); an empty answer, Ctrl-D or
 * Ctrl-C is no.
 */
export function confirm(input: CliInput, write: (text: string) => void, question: string): Promise<boolean> {
  return new Promise((resolve) => {
    let answered = false
    const reader = createInterface({ input: input.stream, terminal: false })
    reader.on('SIGINT', () => reader.close())
    reader.on('close', () => {
      if (!answered) resolve(false)
    })
    write(`${question} [y/N] `)
    reader.once('line', (line) => {
      answered = true
      reader.close()
      resolve(/^\s*y(es)?\s*$/i.test(line))
    })
  })
}
