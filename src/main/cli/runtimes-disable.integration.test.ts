import { PassThrough } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RuntimeView } from '../../shared/domain/runtime'
import { captureIo } from '../../../test-support/capture-io'
import { writePack } from '../../../test-support/env-machine'
import { RuntimeMachine } from '../../../test-support/runtime-machine'
import { runCli } from './run-cli'

let machine: RuntimeMachine
let env: Record<string, string>

beforeEach(async () => {
  machine = RuntimeMachine.create()
  machine.python('bin/python3.11', '3.11.9')
  machine.fake.symlink('bin/python3', 'python3.11')
  machine.pyenvShims(['python3.12', 'python3'])
  machine.pyenvPython('3.12.4')
  machine.pyenvPython('3.13.2')
  env = machine.env(['home/.pyenv/shims', 'bin'])
  const pack = writePack(machine, 'movers', {
    'actions/newest.yaml': 'ref: movers.newest\nrunner_type: python\nruntime_version: ">=3.12"\nentry_point: run.py\n',
    'actions/only13.yaml': 'ref: movers.only13\nrunner_type: python\nruntime_version: "3.13"\nentry_point: run.py\n',
    'actions/old.yaml': 'ref: movers.old\nrunner_type: python\nruntime_version: "3.11"\nentry_point: run.py\n',
    'actions/run.py': 'print("hi")\n'
  })
  // Registering is what matters here; the fake interpreters may not build envs.
  await cli(undefined, 'packs', 'add', pack)
})
afterEach(() => {
  machine.dispose()
})

/** Run the CLI in-process; `answer` makes stdin a terminal on which that line is typed. */
async function cli(answer: string | undefined, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const captured = captureIo(env)
  const stream = new PassThrough()
  const io = answer === undefined ? captured.io : { ...captured.io, stdin: { stream, isTTY: true } }
  if (answer !== undefined) stream.end(answer)
  const code = await runCli(['--home', machine.dataHome, ...argv], io, machine.workbenchOptions())
  return { code, stdout: captured.stdout(), stderr: captured.stderr() }
}

async function enabled(version: string): Promise<boolean | undefined> {
  const listed = JSON.parse((await cli(undefined, 'runtimes', 'list', '--json')).stdout) as { runtimes: RuntimeView[] }
  return listed.runtimes.flatMap((runtime) => runtime.versions).find((row) => row.runtime === 'core.python' && row.version === version)?.enabled
}

describe('runtimes disable', () => {
  it('prints the actions that move, before and after, and disables without asking when stdin is not a terminal', async () => {
    const run = await cli(undefined, 'runtimes', 'disable', 'python', '3.13')
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('Actions that move when python 3.13 is disabled:\n')
    expect(run.stderr).toMatch(/ {2}movers\.newest +>=3\.12 +3\.13 → 3\.12\n/)
    expect(run.stderr).toMatch(/ {2}movers\.only13 +3\.13 +3\.13 → base config \(no version left\)\n/)
    expect(run.stderr).not.toContain('movers.old')
    expect(run.stderr).not.toContain('[y/N]')
    expect(run.stdout).toBe('Python 3.13 disabled.\n')
    expect(await enabled('3.13')).toBe(false)
  })

  it('asks on a terminal and leaves the version enabled unless the answer is yes', async () => {
    const declined = await cli('n\n', 'runtimes', 'disable', 'python', '3.13')
    expect(declined.code).toBe(1)
    expect(declined.stderr).toContain('Disable python 3.13? [y/N] ')
    expect(declined.stderr).toContain('error: python 3.13 left enabled (answer yes, or pass --yes, to disable it)\n')
    expect(await enabled('3.13')).toBe(true)

    const accepted = await cli('yes\n', 'runtimes', 'disable', 'python', '3.13')
    expect(accepted.code).toBe(0)
    expect(await enabled('3.13')).toBe(false)
  })

  it('--yes skips the question on a terminal; --json carries the impact', async () => {
    const run = await cli('', 'runtimes', 'disable', 'python', '3.13', '--yes', '--json')
    expect(run.code).toBe(0)
    expect(run.stderr).not.toContain('[y/N]')
    const doc = JSON.parse(run.stdout) as { enabled: boolean; impact: { action: string; after: string | null; loses: boolean }[] }
    expect(doc.enabled).toBe(false)
    expect(doc.impact.map((entry) => [entry.action, entry.after, entry.loses])).toEqual([
      ['movers.newest', '3.12', false],
      ['movers.only13', null, true]
    ])
  })

  it('does not ask when no action moves', async () => {
    const run = await cli('', 'runtimes', 'disable', 'python', '3.12')
    expect(run.stderr).not.toContain('[y/N]')
    expect(run).toMatchObject({ code: 0, stdout: 'Python 3.12 disabled.\n' })
  })
})
