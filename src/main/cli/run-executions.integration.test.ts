import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ExecutionView } from '../../shared/domain/execution'
import { captureIo, type CapturedIo } from '../../../test-support/capture-io'
import { linkTools, writePack } from '../../../test-support/env-machine'
import { RuntimeMachine } from '../../../test-support/runtime-machine'
import { runCli } from './run-cli'

/**
 * `run`, `executions list|show` and `logs` through the CLI, in-process, on a fake machine with the test
 * catalog: shell actions as real processes, a real SQLite home.
 */
let machine: RuntimeMachine
let env: Record<string, string>

const SECRET = 'tok-Zq81-secret'

async function setUp(): Promise<void> {
  machine = RuntimeMachine.create()
  linkTools(machine, ['cat'])
  env = machine.env(['bin'])
  writePack(machine, 'demo', {
    'actions/echo.yaml': `ref: demo.echo
runner_type: shell
entry_point: echo.sh
parameter_format: dotenv
parameters:
  name: {type: string, default: world}
  lines: {type: integer, default: 1}
`,
    'actions/echo.sh': 'eval "$(cat)"\ni=0\nwhile [ "$i" -lt "$lines" ]; do echo "line $i of $name"; i=$((i + 1)); done\necho "done $name" >&2\n',
    'actions/fails.yaml': 'ref: demo.fails\nrunner_type: shell\nentry_point: fails.sh\n',
    'actions/fails.sh': 'echo "it broke" >&2\nexit 4\n',
    'actions/sleepy.yaml': 'ref: demo.sleepy\nrunner_type: shell\nentry_point: sleepy.sh\n',
    'actions/sleepy.sh': 'sleep 30\n',
    'actions/secret.yaml': `ref: demo.secret
runner_type: shell
entry_point: secret.sh
parameter_format: dotenv
parameters:
  token: {type: string, secret: true, required: true}
`,
    'actions/secret.sh': 'doc=$(cat)\necho "document: $doc"\neval "$doc"\necho "token=$token"\necho "token=$token" >&2\n'
  })
  expect((await cli('packs', 'add', machine.path('packs/demo'))).code).toBe(0)
}

async function cli(...argv: string[]): Promise<CapturedIo & { code: number }> {
  const captured = captureIo(env)
  const code = await runCli(['--home', machine.dataHome, ...argv], captured.io, machine.workbenchOptions({ examplePacksDir: null, killGraceMs: 200 }))
  expect(captured.stdout() + captured.stderr()).not.toMatch(/\n\s+at .+:\d+/)
  return { ...captured, code }
}

async function listed(...filters: string[]): Promise<ExecutionView[]> {
  const result = await cli('executions', 'list', '--json', ...filters)
  expect(result.code).toBe(0)
  return (result.json() as { executions: ExecutionView[] }).executions
}

const RUN_FIELDS = ['id', 'action', 'status', 'exitCode', 'runtime', 'constraint', 'selectedVersion', 'resolution', 'interpreter', 'envDir', 'result', 'stdout', 'stderr', 'stdoutTruncated', 'stderrTruncated', 'durationMs', 'startedAt', 'finishedAt', 'error']

describe('attune-workbench run', () => {
  beforeEach(setUp)
  afterEach(() => machine.dispose())

  it('streams the action’s output to stderr and prints the summary on stdout', async () => {
    const result = await cli('run', 'demo.echo', '-p', 'name=Ada', '-p', 'lines=2')

    expect(result.code).toBe(0)
    const err = result.stderr()
    expect(err).toMatch(/^Run 1: demo\.echo on the base core\.shell config\n/)
    expect(err).toContain('line 0 of Ada\nline 1 of Ada\n')
    expect(err).toContain('done Ada\n')
    const out = result.stdout()
    expect(out).toMatch(/^Execution 1: demo\.echo — completed \(exit 0\) in \d+ ms\n/)
    expect(out).toContain('  version:     core.shell (base config)')
    expect(out).toContain('  interpreter: /bin/sh')
    expect(out).toContain('  parameters:  {"name":"Ada","lines":2}')
    expect(out).toContain('  stdout:      line 0 of Ada\n               line 1 of Ada')
  })

  it('--json prints the run with DESIGN.md’s field names, the action’s output streaming to stderr', async () => {
    const result = await cli('run', 'demo.echo', '--json', '-p', 'name=Bo')

    expect(result.code).toBe(0)
    expect(result.stderr()).toContain('line 0 of Bo')
    expect(result.stderr()).toContain('done Bo')
    const run = result.json() as Record<string, unknown>
    for (const field of RUN_FIELDS) expect(run, field).toHaveProperty(field)
    expect(run).toMatchObject({ id: 1, action: 'demo.echo', status: 'completed', exitCode: 0, runtime: 'core.shell', constraint: null, selectedVersion: null, interpreter: '/bin/sh', envDir: null, result: null, stdout: 'line 0 of Bo\n', stderr: 'done Bo\n', stdoutTruncated: false, stderrTruncated: false, error: null })
    expect(run.durationMs).toEqual(expect.any(Number))
    expect(run.startedAt).toEqual(expect.any(String))
    expect(run.finishedAt).toEqual(expect.any(String))
    expect(run.resolution).toMatchObject({ runtime: 'core.shell', candidates: [] })
  })

  it('exits 1 when the action fails or times out', async () => {
    const failed = await cli('run', 'demo.fails', '--json')
    expect(failed.code).toBe(1)
    expect(failed.json()).toMatchObject({ status: 'failed', exitCode: 4, error: 'it broke' })

    const timedOut = await cli('run', 'demo.sleepy', '--timeout', '1', '--json')
    expect(timedOut.code).toBe(1)
    expect(timedOut.json()).toMatchObject({ status: 'timeout', exitCode: -1, options: { timeoutSeconds: 1 } })
  })

  it.each([
    ['a value of the wrong type', ['demo.echo', '-p', 'lines=many'], "parameter 'lines' must be an integer"],
    ['a parameter without =', ['demo.echo', '-p', 'lines'], "parameter 'lines' must be written key=value"],
    ['--params that is not JSON', ['demo.echo', '--params', '{name: x}'], '--params is not valid JSON'],
    ['--params that is not an object', ['demo.echo', '--params', '[1]'], '--params must be a JSON object'],
    ['a wrong type in --params', ['demo.echo', '--params', '{"lines": "x"}'], 'invalid parameters for demo.echo'],
    ['an unknown action', ['demo.ech'], "unknown action 'demo.ech' (did you mean "],
    ['a missing required parameter', ['demo.secret'], 'invalid parameters for demo.secret'],
    ['a bad --timeout', ['demo.echo', '--timeout', '0'], "--timeout '0' must be a whole number"],
    ['no action', [], 'usage: attune-workbench run PACK.ACTION'],
    ['an unknown version', ['demo.echo', '--version', '1'], "--version 1: Shell has no such version"]
  ])('exits 2 for %s and records nothing', async (_name, argv, message) => {
    const result = await cli('run', ...argv, '--json')
    expect(result.code).toBe(2)
    expect(result.json()).toEqual({ error: { kind: 'bad-input', message: expect.stringContaining(message) } })
    expect(await listed()).toEqual([])
  })

  it('suggests actions of the same pack, or with the same name', async () => {
    const result = await cli('run', 'demo.nope')
    expect(result.stderr()).toBe('error: unknown action \'demo.nope\' (did you mean demo.echo, demo.fails, demo.secret, demo.sleepy?)\n')
    expect((await cli('run', 'other.echo')).stderr()).toContain("(did you mean demo.echo?)")
  })

  it('never shows a secret parameter: not in output, stored parameters, show --json or the logs', async () => {
    const human = await cli('run', 'demo.secret', '-p', `token=${SECRET}`)
    expect(human.code).toBe(0)
    expect(human.stderr()).toContain('token=***')
    const json = await cli('run', 'demo.secret', '-p', `token=${SECRET}`, '--json')
    const run = json.json() as ExecutionView
    expect(run.parameters).toEqual({ token: '***' })
    const shown = await cli('executions', 'show', String(run.id), '--json')
    const logs = await cli('logs', String(run.id))
    const files = ['stdout.log', 'stderr.log'].map((name) => readFileSync(join(machine.dataHome, 'executions', String(run.id), name), 'utf8'))
    expect(logs.stdout()).toContain('token=***')
    for (const text of [human.stdout(), human.stderr(), json.stdout(), json.stderr(), shown.stdout(), logs.stdout(), logs.stderr(), ...files]) {
      expect(text).not.toContain(SECRET)
    }
  })
})

describe('attune-workbench executions', () => {
  // One history for every test here: they only read it.
  beforeAll(async () => {
    await setUp()
    await cli('run', 'demo.echo')
    await cli('run', 'demo.fails')
    await cli('run', 'demo.echo', '-p', 'name=x')
    await cli('run', 'demo.fails')
    await cli('run', 'demo.echo')
  })
  afterAll(() => machine.dispose())

  it('list filters by action and status, newest first, and takes a limit', async () => {
    expect((await listed()).map((run) => [run.id, run.action, run.status])).toEqual([
      [5, 'demo.echo', 'completed'],
      [4, 'demo.fails', 'failed'],
      [3, 'demo.echo', 'completed'],
      [2, 'demo.fails', 'failed'],
      [1, 'demo.echo', 'completed']
    ])
    expect((await listed('--action', 'demo.fails')).map((run) => run.id)).toEqual([4, 2])
    expect((await listed('--status', 'completed')).map((run) => run.id)).toEqual([5, 3, 1])
    expect((await listed('--action', 'demo.echo', '--status', 'failed')).map((run) => run.id)).toEqual([])
    expect((await listed('--limit', '2')).map((run) => run.id)).toEqual([5, 4])
    // The list is light: no output is read for it.
    expect((await listed('--limit', '1'))[0]?.stdout).toBe('')
  })

  it('list prints a table in human mode and refuses bad filters', async () => {
    const human = await cli('executions', 'list', '--limit', '2')
    expect(human.code).toBe(0)
    expect(human.stdout()).toMatch(/^ID\s+ACTION\s+STATUS\s+VERSION\s+EXIT\s+DURATION\s+STARTED\n5\s+demo\.echo\s+completed\s+base\s+0\s+\d+ ms/)
    expect(human.stdout().trimEnd().split('\n')).toHaveLength(3)
    for (const argv of [['--status', 'done'], ['--limit', '0'], ['--limit', 'x']]) {
      const bad = await cli('executions', 'list', ...argv)
      expect(bad.code, argv.join(' ')).toBe(2)
    }
  })

  it('show prints one run with its output; an unknown or malformed id is bad input', async () => {
    const shown = await cli('executions', 'show', '3', '--json')
    expect(shown.code).toBe(0)
    expect(shown.json()).toMatchObject({ id: 3, action: 'demo.echo', stdout: 'line 0 of x\n', stderr: 'done x\n', parameters: { name: 'x', lines: 1 } })
    const human = await cli('executions', 'show', '4')
    expect(human.stdout()).toMatch(/^Execution 4: demo\.fails — failed \(exit 4\)/)
    expect(human.stdout()).toContain('  error:       it broke')

    const unknown = await cli('executions', 'show', '99', '--json')
    expect(unknown.code).toBe(2)
    expect(unknown.json()).toEqual({ error: { kind: 'bad-input', message: 'unknown execution 99' } })
    expect((await cli('executions', 'show', 'x')).code).toBe(2)
    expect((await cli('executions', 'frobnicate')).code).toBe(2)
  })

  it('logs prints a run’s stdout to stdout and its stderr to stderr', async () => {
    const logs = await cli('logs', '3')
    expect(logs.code).toBe(0)
    expect(logs.stdout()).toBe('line 0 of x\n')
    expect(logs.stderr()).toBe('done x\n')
    const followed = await cli('logs', '3', '--follow')
    expect(followed.stdout()).toBe('line 0 of x\n')
  })

  it('logs --follow --json streams to stderr and prints one JSON document at the end', async () => {
    const followed = await cli('logs', '3', '--follow', '--json')
    expect(followed.code).toBe(0)
    expect(followed.json()).toEqual({ id: 3, stdout: 'line 0 of x\n', stderr: 'done x\n', finished: 'completed' })
    expect(followed.stderr()).toBe('line 0 of x\ndone x\n')
  })
})
