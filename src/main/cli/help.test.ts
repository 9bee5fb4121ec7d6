import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { captureIo } from '../../../test-support/capture-io'
import { COMMAND_HELP, COMMAND_NAMES } from './help'
import { runCli, USAGE } from './run-cli'

let home: string
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'attune-help-'))
})
afterEach(() => {
  rmSync(home, { recursive: true, force: true })
})

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const captured = captureIo({})
  const code = await runCli(['--home', home, ...argv], captured.io)
  return { code, stdout: captured.stdout(), stderr: captured.stderr() }
}

describe('command help', () => {
  it.each(COMMAND_NAMES)('`%s --help` and `help %s` print its usage, options and an example, without opening the engine', async (name) => {
    const help = COMMAND_HELP[name]
    const viaFlag = await cli(name, '--help')
    expect(viaFlag.code).toBe(0)
    expect(viaFlag.stdout).toMatch(new RegExp(`^Usage: attune-workbench ${name}`))
    for (const [option] of help?.options ?? []) expect(viaFlag.stdout).toContain(option)
    expect(viaFlag.stdout).toMatch(/Examples:\n {2}attune-workbench /)
    const viaHelp = await cli('help', name)
    expect(viaHelp).toEqual(viaFlag)
  })

  it('lists every command in the general usage', () => {
    for (const name of COMMAND_NAMES.filter((command) => command !== 'help')) expect(USAGE).toMatch(new RegExp(`^ {2}${name} `, 'm'))
  })

  it('says where the resolve markers go', async () => {
    const { stdout } = await cli('resolve', '--help')
    expect(stdout).toContain('3.12* is the default, 3.11! is unavailable')
    expect(USAGE).toContain("a '*' after a version marks the")
  })

  it('suggests the nearest command for a typo, for a run and for help alike', async () => {
    for (const argv of [['rnu', 'x'], ['help', 'rnu'], ['runtime', 'list']]) {
      const result = await cli(...argv)
      expect(result.code).toBe(2)
      expect(result.stderr).toMatch(/^error: unknown command '(rnu|runtime)' \(did you mean '(run|runtimes)'\? try --help\)\n$/)
    }
    const far = await cli('zzzzzzzz')
    expect(far.stderr).toBe("error: unknown command 'zzzzzzzz' (try --help)\n")
  })
})
