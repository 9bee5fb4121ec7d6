import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { PassThrough, Readable } from 'node:stream'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { captureIo } from '../../../test-support/capture-io'
import { catalogOptions, writePack } from '../../../test-support/env-machine'
import { everyVersion } from '../../../test-support/hardening-kit'
import { RuntimeMachine } from '../../../test-support/runtime-machine'
import type { CliInput } from './output'
import { runCli } from './run-cli'

/**
 * Issue 9, finding 9: secrets need not be on the command line. Parameters come from `--params-file`
 * (JSON or YAML), `--params -` (standard input) and a no-echo prompt on a terminal; file < --params < -p.
 * The action writes the document it received to a file, so the test sees exactly what arrived.
 */

const SECRET = 'Zq81xKw-file-secret'
let machine: RuntimeMachine
let received: string

const SCHEMA = `parameters:
  token: {type: string, secret: true, required: true}
  pin: {type: integer, secret: true}
  name: {type: string, default: nobody}
  count: {type: integer}
`

beforeAll(async () => {
  machine = RuntimeMachine.create()
  everyVersion(machine)
  received = machine.path('received.json')
  writePack(machine, 'src', {
    'actions/take.yaml': `ref: src.take\nrunner_type: shell\nentry_point: take.sh\n${SCHEMA}`,
    'actions/take.sh': `cat > '${received}'\necho done\n`,
    // A python action (the fake Pythons run it with sh), so matrix has versions to run.
    'actions/ptake.yaml': `ref: src.ptake\nrunner_type: python\nentry_point: ptake.py\n${SCHEMA}`,
    'actions/ptake.py': `cat > '${received}'\necho done\n`
  })
  expect((await cli('packs', 'add', machine.path('packs/src'))).code).toBe(0)
}, 60_000)
afterAll(() => machine?.dispose())
beforeEach(() => rmSync(received, { force: true }))

async function cli(...argv: (string | CliInput)[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdin = argv.find((arg): arg is CliInput => typeof arg !== 'string')
  const captured = captureIo(machine.env(['bin']))
  const code = await runCli(['--home', machine.dataHome, ...argv.filter((arg): arg is string => typeof arg === 'string')], { ...captured.io, stdin }, catalogOptions(machine))
  const out = { code, stdout: captured.stdout(), stderr: captured.stderr() }
  expect(out.stdout + out.stderr, 'a secret in the CLI output').not.toContain(SECRET)
  return out
}

const arrived = (): Record<string, unknown> => JSON.parse(readFileSync(received, 'utf8')) as Record<string, unknown>
const file = (name: string, text: string): string => {
  const path = machine.path(name)
  writeFileSync(path, text)
  return path
}
const piped = (text: string): CliInput => ({ stream: Readable.from([text]), isTTY: false })

describe('--params-file', () => {
  it('reads a JSON file, values typed as written', async () => {
    const run = await cli('run', 'src.take', '--params-file', file('p.json', JSON.stringify({ token: SECRET, pin: 1234, count: 3 })))
    expect(run.code, run.stderr).toBe(0)
    expect(arrived()).toEqual({ token: SECRET, pin: 1234, count: 3, name: 'nobody' })
  })

  it('reads a YAML file (any other extension)', async () => {
    const run = await cli('run', 'src.take', '--params-file', file('p.yaml', `token: '${SECRET}'\npin: 4321\nname: from yaml\n`))
    expect(run.code, run.stderr).toBe(0)
    expect(arrived()).toEqual({ token: SECRET, pin: 4321, name: 'from yaml' })
  })

  it('is overridden by --params, which is overridden by -p', async () => {
    const path = file('p.yml', `token: ${SECRET}\nname: from-file\ncount: 1\npin: 1111\n`)
    const run = await cli('run', 'src.take', '--params-file', path, '--params', '{"name": "from-params", "count": 2}', '-p', 'name=from-flag')
    expect(run.code, run.stderr).toBe(0)
    expect(arrived()).toEqual({ token: SECRET, name: 'from-flag', count: 2, pin: 1111 })
  })

  it('works for matrix too: one run per version, each with the file’s secret', async () => {
    const run = await cli('matrix', 'src.ptake', '--params-file', file('m.json', JSON.stringify({ token: SECRET })), '--json')
    expect(run.code, run.stderr).toBe(0)
    expect((JSON.parse(run.stdout) as { runs: unknown[] }).runs.length).toBeGreaterThanOrEqual(2)
    expect(arrived()).toMatchObject({ token: SECRET })
  })

  it.each([
    ['a missing file', () => machine.path('nope.json'), /--params-file .*nope\.json: cannot read it \(no such file\)/],
    ['a folder', () => machine.path('packs'), /--params-file .*packs: cannot read it \(it is a folder\)/],
    ['bad JSON', () => file('bad.json', `{"token": ${SECRET}}`), /--params-file .*bad\.json is not valid JSON/],
    ['bad YAML', () => file('bad.yaml', `token: ${SECRET}: x\n`), /--params-file .*bad\.yaml is not valid YAML: line 1, column \d+: /],
    ['a JSON list', () => file('list.json', '[1]'), /--params-file .*list\.json must be a JSON object/],
    ['a YAML scalar', () => file('scalar.yaml', `${SECRET}\n`), /--params-file .*scalar\.yaml must be a YAML mapping/],
    ['an empty file', () => file('empty.yaml', ''), /--params-file .*empty\.yaml must be a YAML mapping/]
  ])('refuses %s with exit 2, naming the file and never its content', async (_what, path, message) => {
    const run = await cli('run', 'src.take', '--params-file', path(), '--json')
    expect(run.code).toBe(2)
    expect((JSON.parse(run.stdout) as { error: { message: string } }).error.message).toMatch(message)
    expect(existsSync(received)).toBe(false)
  })
})

describe('the help', () => {
  it('documents the parameter sources, their precedence and the prompt', async () => {
    const help = await cli('--help')
    expect(help.code).toBe(0)
    for (const text of ['--params-file FILE', '--params - reads it from standard input', '--params-file < --params < -p', 'asked for without echo']) expect(help.stdout).toContain(text)
  })
})

describe('--params -', () => {
  it('reads the JSON document from standard input, below -p', async () => {
    const run = await cli('run', 'src.take', '--params', '-', '-p', 'count=7', piped(JSON.stringify({ token: SECRET, count: 1 })))
    expect(run.code, run.stderr).toBe(0)
    expect(arrived()).toEqual({ token: SECRET, count: 7, name: 'nobody' })
  })

  it('refuses what is not a JSON object, never quoting it', async () => {
    const bad = await cli('run', 'src.take', '--params', '-', piped(`{"token": ${SECRET}`))
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--params - (standard input) is not valid JSON')
    const none = await cli('run', 'src.take', '--params', '-')
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('standard input')
  })
})

describe('the secret prompt', () => {
  /** A terminal-like input: answers each prompt once it has been written to stderr. */
  function terminal(answers: string[], stderrSeen: () => string): CliInput {
    const stream = new PassThrough()
    let asked = 0
    const timer = setInterval(() => {
      const prompts = stderrSeen().split('(secret, not shown): ').length - 1
      if (prompts > asked && asked < answers.length) stream.write(`${answers[asked++]}\r`)
    }, 10)
    stream.on('close', () => clearInterval(timer))
    setTimeout(() => clearInterval(timer), 20_000).unref()
    return { stream, isTTY: true }
  }

  it('asks for each secret parameter not given, without echo; an empty answer leaves it out', async () => {
    const captured = captureIo(machine.env(['bin']))
    const stdin = terminal([SECRET, ''], captured.stderr)
    const code = await runCli(['--home', machine.dataHome, 'run', 'src.take', '-p', 'name=Ada'], { ...captured.io, stdin }, catalogOptions(machine))
    expect(code, captured.stderr()).toBe(0)
    expect(captured.stderr()).toContain('token (secret, not shown): \n')
    expect(captured.stderr()).toContain('pin (secret, not shown): \n')
    expect(captured.stdout() + captured.stderr()).not.toContain(SECRET)
    expect(arrived()).toEqual({ token: SECRET, name: 'Ada' })
  })

  it('stops with exit 2 when the prompt is ended (Ctrl-D) instead of answered', async () => {
    const stream = new PassThrough()
    setTimeout(() => stream.end(), 50)
    const run = await cli('run', 'src.take', { stream, isTTY: true })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("no value for 'token': the prompt was cancelled")
    expect(existsSync(received)).toBe(false)
  })

  it('does not ask for a secret given otherwise, nor when standard input is not a terminal', async () => {
    const given = await cli('run', 'src.take', '-p', 'pin=9', '--params-file', file('t.json', JSON.stringify({ token: SECRET })), { stream: new PassThrough(), isTTY: true })
    expect(given.code).toBe(0)
    expect(given.stderr).not.toContain('not shown')
    const piping = await cli('run', 'src.take', piped(''))
    expect(piping.code).toBe(2)
    expect(piping.stderr).toContain("parameter 'token' is required")
    expect(piping.stderr).not.toContain('not shown')
  })
})
