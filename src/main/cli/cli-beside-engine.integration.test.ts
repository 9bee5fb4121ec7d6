import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExecutionView } from '../../shared/domain/execution'
import { captureIo, type CapturedIo } from '../../../test-support/capture-io'
import { startCliChild, type CliChild } from '../../../test-support/cli-child-kit'
import { linkTools, writePack } from '../../../test-support/env-machine'
import { pidAlive, waitFor } from '../../../test-support/exec-machine'
import { RuntimeMachine } from '../../../test-support/runtime-machine'
import { engineEndpoint } from '../engine-socket/engine-endpoint'
import { runCli } from './run-cli'

/**
 * The CLI beside a running engine (issue 10): `serve` runs in its own process and owns a data home;
 * CLI commands on that home become clients of its engine socket. Each command's JSON and exit code
 * must equal those of the same command on a home nothing holds.
 */
let machine: RuntimeMachine
let env: Record<string, string>
let served: string
let alone: string
const children: CliChild[] = []

beforeEach(() => {
  machine = RuntimeMachine.create()
  machine.python('bin/python3.11', '3.11.9')
  machine.pyenvPython('3.12.4')
  machine.pyenvPython('3.13.2')
  linkTools(machine, ['cat', 'sleep'])
  env = machine.env(['home/.pyenv/shims', 'bin'])
  served = machine.path('served-home')
  alone = machine.path('alone-home')
  writePack(machine, 'demo', {
    'actions/echo.yaml': 'ref: demo.echo\nrunner_type: shell\nentry_point: echo.sh\nparameter_format: dotenv\nparameters:\n  name: {type: string, default: world}\n',
    'actions/echo.sh': 'eval "$(cat)"\necho "hello $name"\necho "to stderr" >&2\n',
    'actions/slow.yaml': 'ref: demo.slow\nrunner_type: shell\nentry_point: slow.sh\n',
    'actions/slow.sh': 'echo started\nsleep 1\necho finished\n',
    'actions/sleepy.yaml': 'ref: demo.sleepy\nrunner_type: shell\nentry_point: sleepy.sh\n',
    'actions/sleepy.sh': 'echo sleeping\nsleep 5\n',
    'actions/hold.yaml': 'ref: demo.hold\nrunner_type: shell\nentry_point: hold.sh\nparameter_format: dotenv\nparameters:\n  release: {type: string, required: true}\n',
    'actions/hold.sh': 'eval "$(cat)"\nwhile [ ! -e "$release" ]; do sleep 0.1; done\n',
    'actions/gated.yaml': 'ref: demo.gated\nrunner_type: shell\nentry_point: gated.sh\nparameter_format: dotenv\nparameters:\n  release: {type: string, required: true}\n',
    'actions/gated.sh': 'eval "$(cat)"\necho started\nwhile [ ! -e "$release" ]; do sleep 0.1; done\necho finished\n'
  })
})
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL')
    await child.exited
  }
  machine.dispose()
})

const engineOptions = () => machine.workbenchOptions({ examplePacksDir: null, killGraceMs: 200 })

async function cli(home: string, ...argv: string[]): Promise<CapturedIo & { code: number }> {
  const captured = captureIo(env)
  const code = await runCli(['--home', home, ...argv], captured.io, engineOptions())
  expect(captured.stdout() + captured.stderr()).not.toMatch(/\n\s+at .+:\d+/)
  return { ...captured, code }
}

function child(...argv: string[]): CliChild {
  const started = startCliChild({ argv, env, options: engineOptions() })
  children.push(started)
  return started
}

/** `serve` on the served home, up and through its startup. */
async function startServe(): Promise<CliChild> {
  const serve = child('--home', served, 'serve', '--json')
  await serve.saw('Startup finished')
  return serve
}

/** The same document whichever home it came from: home paths, times and durations set aside. */
function normalized(text: string): unknown {
  const plain = text.split(served).join('<HOME>').split(alone).join('<HOME>')
  return JSON.parse(plain.replace(/"\d{4}-\d\d-\d\dT[\d:.]+Z"/g, '"<T>"').replace(/"durationMs": \d+/g, '"durationMs": 0'))
}

describe('the CLI beside a running engine', () => {
  it('gives every command the same JSON and exit code as on a home nothing holds', async () => {
    const serve = await startServe()
    const pack = machine.path('packs/demo')
    const script: string[][] = [
      ['runtimes', 'list'],
      ['runtimes', 'verify', '--runtime', 'python'],
      ['runtimes', 'disable', 'python', '3.13'],
      ['resolve', 'python', '--constraint', '>=3.12'],
      ['runtimes', 'enable', 'python', '3.13'],
      ['runtimes', 'disable', 'python', '2.7'],
      ['packs', 'add', pack],
      ['packs', 'list'],
      ['packs', 'reload', 'demo'],
      ['envs', 'list'],
      ['envs', 'setup'],
      ['envs', 'rebuild', 'demo', 'python', '3.12'],
      ['run', 'demo.echo', '-p', 'name=Ada'],
      ['run', 'demo.nope'],
      ['matrix', 'demo.echo'],
      ['executions', 'list'],
      ['executions', 'show', '1'],
      ['logs', '1'],
      ['logs', '1', '--follow'],
      ['packs', 'remove', 'demo']
    ]
    for (const argv of script) {
      const beside = await cli(served, ...argv, '--json')
      const inProcess = await cli(alone, ...argv, '--json')
      expect({ argv, code: beside.code }).toEqual({ argv, code: inProcess.code })
      expect(normalized(beside.stdout())).toEqual(normalized(inProcess.stdout()))
    }
    // The served home was never opened by a command: its engine is still the one `serve` runs.
    expect(serve.process.exitCode).toBeNull()
    expect(existsSync(engineEndpoint(served))).toBe(true)
    expect(existsSync(engineEndpoint(alone))).toBe(false)
  })

  it('streams a run’s output live over events and returns the action’s exit code', async () => {
    await startServe()
    expect((await cli(served, 'packs', 'add', machine.path('packs/demo'))).code).toBe(0)
    const run = child('--home', served, 'run', 'demo.slow')
    // "started" is printed while the run still sleeps: streamed, not replayed at the end.
    await run.saw('started\n')
    expect(run.stderr()).not.toContain('finished')
    expect(await run.exited).toBe(0)
    expect(run.stderr()).toMatch(/^Run 1: demo\.slow on the base core\.shell config\nstarted\nfinished\n$/)
    expect(run.stdout()).toMatch(/^Execution 1: demo\.slow — completed \(exit 0\)/)
  })

  it('reads and follows the log of a running action like on a home nothing holds', async () => {
    await startServe()
    expect((await cli(served, 'packs', 'add', machine.path('packs/demo'))).code).toBe(0)
    const release = machine.path('release')
    const run = child('--home', served, 'run', 'demo.gated', '-p', `release=${release}`)
    await run.saw('started\n')
    // `logs ID` of the running action: what it printed so far.
    const sofar = await cli(served, 'logs', '1')
    expect({ code: sofar.code, stdout: sofar.stdout(), stderr: sofar.stderr() }).toEqual({ code: 0, stdout: 'started\n', stderr: '' })
    // `logs ID --follow` in another process: live, until the run ends.
    const follow = child('--home', served, 'logs', '1', '--follow')
    await follow.saw('started\n')
    const followedJson = cli(served, 'logs', '1', '--follow', '--json')
    await new Promise((resolve) => setTimeout(resolve, 300))
    // Still following while the action waits: nothing ended it early.
    expect(follow.process.exitCode).toBeNull()
    expect(follow.stdout()).toBe('started\n')
    writeFileSync(release, '')
    expect(await follow.exited).toBe(0)
    expect(follow.stdout()).toBe('started\nfinished\n')
    expect(await run.exited).toBe(0)

    expect((await cli(alone, 'packs', 'add', machine.path('packs/demo'))).code).toBe(0)
    expect((await cli(alone, 'run', 'demo.gated', '-p', `release=${release}`)).code).toBe(0)
    const aloneJson = await cli(alone, 'logs', '1', '--follow', '--json')
    const besideJson = await followedJson
    expect(besideJson.code).toBe(aloneJson.code)
    expect(normalized(besideJson.stdout())).toEqual(normalized(aloneJson.stdout()))
    expect(besideJson.json()).toEqual({ id: 1, stdout: 'started\nfinished\n', stderr: '', finished: 'completed' })
  })

  it('exits 3 with a clear message when its engine is killed while it follows a log', async () => {
    const serve = await startServe()
    expect((await cli(served, 'packs', 'add', machine.path('packs/demo'))).code).toBe(0)
    await child('--home', served, 'run', 'demo.sleepy').saw('sleeping\n')
    const follow = child('--home', served, 'logs', '1', '--follow')
    await follow.saw('sleeping\n')
    serve.process.kill('SIGKILL')
    expect(await follow.exited).toBe(3)
    expect(follow.stderr()).toMatch(/error: the workbench engine serving .* stopped before it answered/)
    expect(follow.stderr()).not.toMatch(/\n\s+at .+:\d+/)
  })

  it('runs actions from two clients at once against one engine', async () => {
    await startServe()
    expect((await cli(served, 'packs', 'add', machine.path('packs/demo'))).code).toBe(0)
    const [first, second] = await Promise.all([cli(served, 'run', 'demo.slow', '--json'), cli(served, 'run', 'demo.slow', '--json')])
    expect([first.code, second.code]).toEqual([0, 0])
    const runs = [first.json(), second.json()] as ExecutionView[]
    expect(runs.map((run) => run.id).sort()).toEqual([1, 2])
    // They overlapped: each started before the other finished.
    expect(Date.parse(runs[0]!.startedAt!)).toBeLessThan(Date.parse(runs[1]!.finishedAt!))
    expect(Date.parse(runs[1]!.startedAt!)).toBeLessThan(Date.parse(runs[0]!.finishedAt!))
  })

  it('cancels a client’s run on Ctrl+C', async () => {
    await startServe()
    expect((await cli(served, 'packs', 'add', machine.path('packs/demo'))).code).toBe(0)
    const run = child('--home', served, 'run', 'demo.sleepy', '--json')
    await run.saw('sleeping\n')
    run.process.kill('SIGINT')
    expect(await run.exited).toBe(1)
    expect(JSON.parse(run.stdout())).toMatchObject({ id: 1, status: 'cancelled' })
  })

  it('exits 3 with a clear message when its engine is killed mid-run; the next command opens the home itself', async () => {
    const serve = await startServe()
    expect((await cli(served, 'packs', 'add', machine.path('packs/demo'))).code).toBe(0)
    const run = child('--home', served, 'run', 'demo.sleepy')
    await run.saw('sleeping\n')
    serve.process.kill('SIGKILL')
    expect(await run.exited).toBe(3)
    expect(run.stderr()).toMatch(/error: the workbench engine serving .* stopped before it answered/)
    expect(run.stderr()).not.toMatch(/\n\s+at .+:\d+/)
    // The killed engine left its socket behind: the next command finds it stale and opens the home.
    expect(existsSync(engineEndpoint(served))).toBe(true)
    const next = await cli(served, 'executions', 'list', '--json')
    expect(next.code).toBe(0)
    expect((next.json() as { executions: ExecutionView[] }).executions).toMatchObject([{ id: 1, status: 'abandoned' }])
    expect(existsSync(engineEndpoint(served))).toBe(false)
  })

  it('stops at once and quietly when SIGTERM arrives during its first start', async () => {
    const serve = child('--home', served, 'serve')
    await serve.saw('serving on')
    const signalled = Date.now()
    serve.process.kill('SIGTERM')
    await serve.exited
    expect(Date.now() - signalled).toBeLessThan(2500)
    expect(serve.stderr()).not.toMatch(/Startup failed|not open/)
  })

  it('waits for a short CLI command holding the home, then serves it', async () => {
    expect((await cli(served, 'packs', 'add', machine.path('packs/demo'))).code).toBe(0)
    // This command owns the home (in this process) until the test lets its action finish.
    const release = machine.path('release')
    const holding = cli(served, 'run', 'demo.hold', '-p', `release=${release}`)
    await waitFor('the command to hold the home', () => existsSync(engineEndpoint(served)))
    const serve = child('--home', served, 'serve')
    await serve.saw('waiting for it')
    writeFileSync(release, '')
    expect((await holding).code).toBe(0)
    await serve.saw('serving on')
    const pid = Number(readFileSync(join(served, 'engine.pid'), 'utf8'))
    expect(pid).toBe(serve.process.pid)
    expect(pidAlive(pid)).toBe(true)
  })

  it('serves the running engine to a browser when a second serve starts beside it, and stops with it', async () => {
    const owner = await startServe()
    const second = child('--home', served, 'serve', '--json')
    await second.saw('Serving the workbench engine already running')
    const { url } = JSON.parse(second.stdout()) as { url: string }
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/)
    expect(Number(readFileSync(join(served, 'engine.pid'), 'utf8'))).toBe(owner.process.pid)
    owner.process.kill('SIGTERM')
    await second.saw('stopped; stopping too')
    expect(await second.exited).toBe(0)
  })
})
