import { join } from 'node:path'
import { isatty } from 'node:tty'
import { enableCompileCache } from './compile-cache'
import { runCli } from './run-cli'

// The `attune-workbench` command: bin/attune-workbench.js loads this built file, beside the chunks it loads
// on demand; their compiled code is kept between commands (a rebuild empties the folder).
enableCompileCache(__dirname, join(__dirname, '.compile-cache'))
void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  // process.stdin is opened only when a command reads it (`--params -`, a secret prompt).
  stdin: {
    get stream() {
      return process.stdin
    },
    isTTY: isatty(0)
  }
}).then((code) => {
  process.exitCode = code
  // The command is done and its engine closed; a child still finishing (a verification probe cut short
  // by Ctrl+C) must not keep the terminal waiting.
  setTimeout(() => process.exit(code), 1000).unref()
})
