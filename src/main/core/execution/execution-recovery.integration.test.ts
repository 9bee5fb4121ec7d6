import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { captureIo } from '../../../../test-support/capture-io'
import { linkTools, writePack } from '../../../../test-support/env-machine'
import { pidAlive, startEngineChild, waitFor, type EngineChild } from '../../../../test-support/exec-machine'
import { RuntimeMachine } from '../../../../test-support/runtime-machine'
import { runCli } from '../../cli/run-cli'
import { openWorkbench, type WorkbenchOptions } from '../workbench'

/**
 * Runs across engine processes: an engine in a child process holds the data home and runs an action;
 * `logs` reads it from here over the engine socket; a crashed engine's runs become `abandoned` on the
 * next open (here: the `logs --follow` that finds no engine), their logs kept.
 */
let machine: RuntimeMachine
let env: Record<string, string>
let options: Omit<WorkbenchOptions, 'home' | 'env'>
let child: EngineChild | null
let leftovers: number[]

beforeEach(async () => {
  machine = RuntimeMachine.create()
  linkTools(machine, ['cat'])
  writePack(machine, 'demo', {
    'actions/sleepy.yaml': 'ref: demo.sleepy\nrunner_type: shell\nentry_point: sleepy.sh\n',
    'actions/sleepy.sh': 'echo "pid $$"\nsleep 30 &\necho "child $!"\necho "to stderr" >&2\nwait\n',
    'actions/keeps.yaml': 'ref: demo.keeps\nrunner_type: shell\nentry_point: keeps.sh\nparameter_delivery: file\nparameters:\n  token: {type: string, secret: true}\n',
    'actions/keeps.sh': 'echo "pid $$"\necho "file $ATTUNE_PARAMETER_FILE"\nexec sleep 30\n',
    'actions/slow.yaml': 'ref: demo.slow\nrunner_type: shell\nentry_point: slow.sh\n',
    'actions/slow.sh': 'echo one\nsleep 1\necho two\necho err-two >&2\n'
  })
  env = machine.env(['bin'])
  options = machine.workbenchOptions({ examplePacksDir: null, killGraceMs: 200 })
  const workbench = openWorkbench({ home: machine.dataHome, env, ...options })
  await workbench.lifecycle.register(machine.path('packs/demo'))
  workbench.close()
  child = null
  leftovers = []
})
afterEach(async () => {
  await child?.crash()
  for (const pid of leftovers) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Gone already.
    }
  }
  machine.dispose()
})

const runDir = (id: number, ...parts: string[]): string => join(machine.dataHome, 'executions', String(id), ...parts)

async function cli(...argv: string[]) {
  const captured = captureIo(env)
  const code = await runCli(['--home', machine.dataHome, ...argv], captured.io, options)
  return { ...captured, code }
}

describe('restart recovery', () => {
  it('marks a run that was running when its engine died abandoned, keeping its logs', async () => {
    child = startEngineChild({ home: machine.dataHome, env, options, action: 'demo.sleepy', serve: true })
    const { id } = (await child.next((event) => event.event === 'started')) as { id: number }
    await child.next((event) => event.id === id && event.status === 'running')
    const log = await waitFor('the action to print its pids', () => {
      const text = existsSync(runDir(id, 'stdout.log')) ? readFileSync(runDir(id, 'stdout.log'), 'utf8') : ''
      return /child \d+/.test(text) ? text : undefined
    })
    leftovers.push(Number(/pid (\d+)/.exec(log)?.[1]), Number(/child (\d+)/.exec(log)?.[1]))

    // While the engine holds the home, commands go through its engine socket: `logs` reads the live run.
    expect((await cli('executions', 'list')).code).toBe(0)
    const live = await cli('logs', String(id))
    expect(live.code).toBe(0)
    expect(live.stdout()).toBe(log)

    await child.crash()
    child = null
    expect(existsSync(runDir(id, 'status.json'))).toBe(false)
    // With its engine dead, following the run ends at once instead of waiting for a status that never comes.
    const orphaned = await cli('logs', String(id), '--follow')
    expect(orphaned.code).toBe(0)
    expect(orphaned.stderr()).toContain('has no running engine')

    const workbench = openWorkbench({ home: machine.dataHome, env, ...options })
    try {
      const run = workbench.executions.get(id)
      expect(run).toMatchObject({ status: 'abandoned', error: 'The workbench stopped while this run was in progress.', stdout: log })
      expect(run.finishedAt).not.toBeNull()
      expect(run.stderr).toContain('to stderr')
    } finally {
      workbench.close()
    }
    expect(JSON.parse(readFileSync(runDir(id, 'status.json'), 'utf8'))).toMatchObject({ id, status: 'abandoned' })
    const after = await cli('logs', String(id), '--json')
    expect(after.json()).toEqual({ id, stdout: log, stderr: 'to stderr\n', finished: 'abandoned' })
    // Reopening the home killed the orphaned action and its child (matched by ATTUNE_EXEC_ID in /proc).
    if (process.platform === 'linux') await waitFor('the orphaned action to be gone', () => (leftovers.some(pidAlive) ? undefined : true))
  })

  it('keeps a run\'s secret files in the private scratch folder and removes what a killed engine left there', async () => {
    child = startEngineChild({ home: machine.dataHome, env, options, action: 'demo.keeps', parameters: { token: 'crash-secret-6b1f' } })
    const { id } = (await child.next((event) => event.event === 'started')) as { id: number }
    const log = await waitFor('the action to print its parameter file', () => {
      const text = existsSync(runDir(id, 'stdout.log')) ? readFileSync(runDir(id, 'stdout.log'), 'utf8') : ''
      return /file \S+/.test(text) ? text : undefined
    })
    leftovers.push(Number(/pid (\d+)/.exec(log)?.[1]))
    const file = /file (\S+)/.exec(log)?.[1] ?? ''
    const scratch = join(machine.dataHome, 'scratch')
    expect(dirname(dirname(file))).toBe(scratch)
    expect(statSync(scratch).mode & 0o777).toBe(0o700)
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700)
    expect(readFileSync(file, 'utf8')).toContain('crash-secret-6b1f')

    await child.crash()
    child = null
    // SIGKILL cleans nothing up: the file with the secret is still there until an engine opens the home.
    expect(existsSync(file)).toBe(true)
    openWorkbench({ home: machine.dataHome, env, ...options }).close()
    expect(existsSync(file)).toBe(false)
    expect(readdirSync(scratch)).toEqual([])
  })
})

describe('logs --follow', () => {
  it('tails a run of another engine process and ends when the run finishes', async () => {
    child = startEngineChild({ home: machine.dataHome, env, options, action: 'demo.slow', serve: true })
    const { id } = (await child.next((event) => event.event === 'started')) as { id: number }
    await waitFor('the run folder', () => existsSync(runDir(id)))
    expect(existsSync(runDir(id, 'status.json'))).toBe(false)

    const followed = await cli('logs', String(id), '--follow')

    expect(followed.code).toBe(0)
    expect(followed.stdout()).toBe('one\ntwo\n')
    expect(followed.stderr()).toBe('err-two\n')
    await child.next((event) => event.id === id && event.status === 'completed', 1_000)
    expect(JSON.parse(readFileSync(runDir(id, 'status.json'), 'utf8'))).toMatchObject({ status: 'completed' })
    await child.stop()
    child = null
  })

  it('refuses an execution without logs, and a bad id, as bad input', async () => {
    const missing = await cli('logs', '42')
    expect(missing.code).toBe(2)
    expect(missing.stderr()).toContain('no logs for execution 42')
    expect((await cli('logs', 'abc')).code).toBe(2)
  })
})
