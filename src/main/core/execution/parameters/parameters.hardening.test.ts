import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExecutionView } from '../../../../shared/domain/execution'
import { captureIo } from '../../../../../test-support/capture-io'
import { writePack } from '../../../../../test-support/env-machine'
import { recordFigure } from '../../../../../test-support/hardening-figures'
import { RuntimeMachine } from '../../../../../test-support/runtime-machine'
import { runCli } from '../../../cli/run-cli'
import { createRouter, type Router } from '../../../ipc/router'
import { openWorkbench, type Workbench } from '../../workbench'
import { MAX_JSON_DEPTH } from './json-shape'
import { MAX_PARAMETER_BYTES } from './validation'

/**
 * Bad parameters are refused before any process starts (issue 6, "Bad input"): through executions:start,
 * matrix:start, executions:rerun and the CLI, a wrong type, a missing required parameter, a value out of its
 * enum, an oversized or unserializable value is a bad-input error; no execution row is recorded, the shell
 * action's marker file is never written and the fake interpreter never runs.
 */

let machine: RuntimeMachine
let workbench: Workbench
let router: Router
let marker: string
let executionsDir: string

const SCHEMA = `parameters:
  name: {type: string, required: true}
  count: {type: integer}
  ratio: {type: number}
  flag: {type: boolean}
  items: {type: array}
  options: {type: object}
  color: {type: string, enum: [red, green]}
  token: {type: string, secret: true}
  level: {type: number, minimum: 0, maximum: 1}
  code: {type: string, minLength: 2, maxLength: 4, pattern: "^[a-z]+$"}
`

beforeAll(async () => {
  machine = RuntimeMachine.create()
  marker = machine.path('ran.marker')
  // The fake Python logs every run to the machine's call log (verification probes included).
  machine.python('bin/python3.12', '3.12.4')
  writePack(machine, 'params', {
    'actions/marked.yaml': `ref: params.marked\nrunner_type: shell\nentry_point: marked.sh\n${SCHEMA}`,
    // Echoes its parameter document (one JSON line on stdin), so secrets in it must be masked in the output.
    'actions/marked.sh': `echo ran >> '${marker}'\nIFS= read -r doc\necho "$doc"\n`,
    'actions/py.yaml': `ref: params.py\nrunner_type: python\nentry_point: py.py\nruntime_version: ">=3.12"\n${SCHEMA}`,
    'actions/py.py': 'print("ran")\n'
  })
  workbench = openWorkbench({ home: machine.dataHome, env: machine.env(['bin']), ...machine.workbenchOptions({ examplePacksDir: null }) })
  executionsDir = `${machine.dataHome}/executions`
  router = createRouter(workbench, { kind: 'browser', version: 'test', startup: () => ({ phase: 'ready', message: '' }) })
  expect((await router.handle('packs:add', { dir: machine.path('packs/params') })).ok).toBe(true)
  await workbench.runtimes.verify()
  machine.resetCalls()
}, 60_000)

afterAll(() => {
  workbench?.close()
  machine?.dispose()
})

function nested(levels: number): unknown {
  let value: unknown = { leaf: true }
  for (let i = 0; i < levels; i++) value = { a: value }
  return value
}

/** Parameters that must be refused, and the words that say why. */
const REFUSED: readonly { readonly name: string; readonly parameters: Record<string, unknown>; readonly says: string }[] = [
  { name: 'missing required', parameters: {}, says: "parameter 'name' is required" },
  { name: 'required given as null', parameters: { name: null }, says: "parameter 'name' must be a string, found null" },
  { name: 'string given a number', parameters: { name: 42 }, says: "parameter 'name' must be a string, found the number 42" },
  { name: 'integer given text', parameters: { name: 'a', count: 'three' }, says: "parameter 'count' must be an integer, found the text 'three'" },
  { name: 'integer given a fraction', parameters: { name: 'a', count: 1.5 }, says: "parameter 'count' must be an integer" },
  { name: 'integer given digits as text', parameters: { name: 'a', count: '3' }, says: "parameter 'count' must be an integer" },
  { name: 'integer given Arabic-Indic digits', parameters: { name: 'a', count: '٣' }, says: "parameter 'count' must be an integer" },
  { name: 'number given NaN', parameters: { name: 'a', ratio: Number.NaN }, says: "parameter 'ratio' must be a number" },
  { name: 'number given Infinity', parameters: { name: 'a', ratio: Number.POSITIVE_INFINITY }, says: "parameter 'ratio' must be a number" },
  { name: 'boolean given text', parameters: { name: 'a', flag: 'true' }, says: "parameter 'flag' must be a boolean" },
  { name: 'array given a mapping', parameters: { name: 'a', items: { 0: 'x' } }, says: "parameter 'items' must be an array" },
  { name: 'object given a list', parameters: { name: 'a', options: ['x'] }, says: "parameter 'options' must be an object" },
  { name: 'value out of the enum', parameters: { name: 'a', color: 'blue' }, says: "parameter 'color' must be one of 'red', 'green'" },
  { name: 'oversized string', parameters: { name: 'x'.repeat(MAX_PARAMETER_BYTES + 1) }, says: "parameter 'name' is 1.0 MiB once serialized; the limit is 1 MiB per value" },
  { name: 'oversized list', parameters: { name: 'a', items: Array.from({ length: 200_000 }, () => 'abcdef') }, says: "parameter 'items' is 1.7 MiB once serialized" },
  { name: 'oversized undeclared value', parameters: { name: 'a', blob: 'é'.repeat(MAX_PARAMETER_BYTES) }, says: "parameter 'blob' is 2.0 MiB once serialized" },
  { name: 'nested too deeply', parameters: { name: 'a', options: nested(MAX_JSON_DEPTH + 5) }, says: `parameter 'options' is nested more than ${MAX_JSON_DEPTH} levels deep` },
  { name: 'nested a hundred thousand levels', parameters: { name: 'a', extra: nested(100_000) }, says: `parameter 'extra' is nested more than ${MAX_JSON_DEPTH} levels deep` },
  { name: 'a BigInt (Electron IPC carries them)', parameters: { name: 'a', count: BigInt(3) }, says: "parameter 'count' holds a BigInt" },
  { name: 'number over its maximum', parameters: { name: 'a', level: 1.5 }, says: "parameter 'level' must be at most 1, found 1.5" },
  { name: 'number under its minimum', parameters: { name: 'a', level: -1 }, says: "parameter 'level' must be at least 0" },
  { name: 'text too short', parameters: { name: 'a', code: 'x' }, says: "parameter 'code' must be at least 2 characters long" },
  { name: 'text too long', parameters: { name: 'a', code: 'abcde' }, says: "parameter 'code' must be at most 4 characters long" },
  { name: 'text off its pattern', parameters: { name: 'a', code: 'AB' }, says: "parameter 'code' must match the pattern ^[a-z]+$" },
  { name: 'an undeclared parameter', parameters: { name: 'a', bogus: 1 }, says: "parameter 'bogus' is not declared by the action; it declares name, count, ratio" },
  { name: 'a misspelt parameter', parameters: { name: 'a', colour: 'red' }, says: "parameter 'colour' is not declared by the action (did you mean 'color'?)" },
  { name: 'a secret of the wrong type', parameters: { name: 'a', token: 987_654_321 }, says: "parameter 'token' must be a string, found a number" }
]

/** Nothing ran and nothing was recorded. */
function expectNothingStarted(): void {
  expect(workbench.executions.list({ limit: 1000 })).toEqual([])
  expect(existsSync(marker)).toBe(false)
  expect(machine.totalCalls()).toBe(0)
  expect(existsSync(executionsDir) ? readdirSync(executionsDir) : []).toEqual([])
}

describe('bad parameters are refused before any process starts', () => {
  it.each(REFUSED)('$name: executions:start and matrix:start refuse it, nothing is recorded or run', async ({ parameters, says }) => {
    for (const action of ['params.marked', 'params.py']) {
      const answer = await router.handle('executions:start', { action, parameters })
      if (answer.ok) throw new Error(`${action} started with ${JSON.stringify(Object.keys(parameters))}`)
      expect(answer.error.kind).toBe('bad-input')
      expect(answer.error.message).toContain(`invalid parameters for ${action}: `)
      expect(answer.error.message).toContain(says)
      // A secret's value is never echoed, whatever its type.
      expect(answer.error.message).not.toContain('987654321')
    }
    const matrix = await router.handle('matrix:start', { action: 'params.py', parameters })
    expect(matrix).toMatchObject({ ok: false, error: { kind: 'bad-input', message: expect.stringContaining(says) } })
    expect((await router.handle('matrix:get', { id: 1 })).ok).toBe(false)
    expectNothingStarted()
  })

  it.each([
    [['-p', 'count=three'], "parameter 'count' must be an integer"],
    [['-p', 'name=a', '-p', 'flag=maybe'], "parameter 'flag' must be a boolean (true or false); 'maybe' is not"],
    [['-p', 'name=a', '-p', 'items={"a":1}'], "parameter 'items' must be an array"],
    [['--params', '{"name": 5}'], "parameter 'name' must be a string, found the number 5"],
    [['--params', '[1, 2]'], '--params must be a JSON object'],
    [['-p', 'name=a', '-p', 'color=blue'], "parameter 'color' must be one of 'red', 'green'"],
    [['-p', `name=${'x'.repeat(MAX_PARAMETER_BYTES + 1)}`], 'the limit is 1 MiB per value'],
    [['--params', '{"name": "a", "token": 12}'], "parameter 'token' must be a string, found a number"],
    [['-p', 'name=a', '-p', 'level=1.5'], "parameter 'level' must be at most 1, found 1.5"],
    [['-p', 'name=a', '-p', 'bogus=1'], "parameter 'bogus' is not declared by the action; it declares name, count"],
    [['-p', 'name=a', '-p', 'nmae=b'], "(did you mean 'name'?)"]
  ])('the CLI refuses %j with exit 2 and records nothing', async (args, says) => {
    workbench.close()
    try {
      for (const action of ['params.marked', 'params.py']) {
        const captured = captureIo(machine.env(['bin']))
        const code = await runCli(['--home', machine.dataHome, '--json', 'run', action, ...args], captured.io, machine.workbenchOptions({ examplePacksDir: null }))
        expect(code).toBe(2)
        const { error } = captured.json() as { error: { kind: string; message: string } }
        expect(error.kind).toBe('bad-input')
        expect(error.message).toContain(says)
      }
    } finally {
      workbench = openWorkbench({ home: machine.dataHome, env: machine.env(['bin']), ...machine.workbenchOptions({ examplePacksDir: null }) })
      router = createRouter(workbench, { kind: 'browser', version: 'test', startup: () => ({ phase: 'ready', message: '' }) })
    }
    expectNothingStarted()
  })

  it('a rerun whose secrets are missing or of the wrong type is refused too; the original run stays the only one', async () => {
    const first = await router.handle('executions:start', { action: 'params.marked', parameters: { name: 'a', token: 't0k' } })
    if (!first.ok) throw new Error(first.error.message)
    const run = await workbench.executions.wait((first.value as ExecutionView).id)
    expect(run.status).toBe('completed')
    expect(readFileSync(marker, 'utf8')).toBe('ran\n')

    for (const secrets of [{ token: 42 }, { token: ['t0k'] }, { token: 'x'.repeat(MAX_PARAMETER_BYTES + 1) }, { name: null }]) {
      const rerun = await router.handle('executions:rerun', { id: run.id, secrets })
      expect(rerun).toMatchObject({ ok: false, error: { kind: 'bad-input', message: expect.stringContaining('invalid parameters for params.marked') } })
    }
    expect(workbench.executions.list({ limit: 1000 }).map((view) => view.id)).toEqual([run.id])
    expect(readFileSync(marker, 'utf8')).toBe('ran\n')
  })

  it('a large secret (past the ~32 KB a regular expression may hold) runs and is masked, without crashing the engine', async () => {
    const token = `T${'0123456789abcdef'.repeat(4096)}`
    const started = await router.handle('executions:start', { action: 'params.marked', parameters: { name: 'big', token } })
    if (!started.ok) throw new Error(started.error.message)
    const run = await workbench.executions.wait((started.value as ExecutionView).id)
    expect(run.status).toBe('completed')
    expect(run.stdout).toContain('"token":"***"')
    expect(run.stdout).not.toContain(token.slice(0, 64))
    expect(run.parameters).toMatchObject({ token: '***' })
    recordFigure('parameters-refused', REFUSED.length, 'kinds of bad parameters refused before any process starts (IPC start, matrix, rerun and CLI)')
  })
})
