/**
 * Run as a separate process (`node --import <tsx loader>`): one `attune-workbench` invocation through
 * `runCli`, with engine options a test fixes (the fake machine's catalog and discovery), exactly as the
 * built command would run it. argv[2] is JSON `{ argv, env, options }`; stdout, stderr and the exit code
 * are the command's.
 */
import { runCli } from '../src/main/cli/run-cli'
import type { CliChildConfig } from './cli-child-kit'

const config = JSON.parse(process.argv[2] ?? '{}') as CliChildConfig
void runCli(config.argv, { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text), env: config.env }, config.options).then((code) => {
  process.exitCode = code
  setTimeout(() => process.exit(code), 1000).unref()
})
