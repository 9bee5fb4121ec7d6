import { isatty } from 'node:tty'
import { runCli } from './run-cli'

// The `attune-workbench` command: bin/attune-workbench.js loads this built file.
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
})
