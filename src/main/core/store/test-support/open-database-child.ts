/**
 * Run as a separate process (through tsx) by the lock tests: opens a data home database the way the
 * app does and reports what happened as one JSON line on stdout.
 *
 *   hold <file>  open it, print {"opened":true}, keep it open until stdin ends, then close and exit 0.
 *   try <file>   open it, print {"opened":true} and close, or print {"opened":false,"name","message"}.
 */
import { openDatabaseSync } from '../database'

const [mode, file] = process.argv.slice(2)
if (!file || (mode !== 'hold' && mode !== 'try')) {
  process.stderr.write('usage: open-database-child hold|try <file>\n')
  process.exit(2)
}

try {
  const db = openDatabaseSync(file)
  process.stdout.write(`${JSON.stringify({ opened: true })}\n`)
  if (mode === 'try') {
    db.close()
  } else {
    process.stdin.resume()
    process.stdin.on('end', () => {
      db.close()
      process.exit(0)
    })
  }
} catch (error) {
  const { name, message } = error as Error
  process.stdout.write(`${JSON.stringify({ opened: false, name, message })}\n`)
}
