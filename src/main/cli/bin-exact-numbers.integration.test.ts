import { spawn, spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemTool, writePack } from '../../../test-support/env-machine'
import { RuntimeMachine } from '../../../test-support/runtime-machine'

/**
 * Issue 11 item 8, end to end through the built command: `ratio=1.0` and `big=12345678901234567890` reach
 * the action with exactly those texts, as a worker writes them (`parameter_passing.rs` `format_json`,
 * `format_dotenv`, `format_yaml`), whichever way the CLI was given them.
 */

const BIN = fileURLToPath(new URL('../../../bin/attune-workbench.js', import.meta.url))
const PARAMS = 'parameters:\n  ratio: {type: number}\n  big: {type: integer}\n'
let machine: RuntimeMachine
let env: Record<string, string>

function action(name: string, format: string, delivery: string): Record<string, string> {
  const cat = systemTool('cat')
  const read = delivery === 'file' ? `'${cat}' "$ATTUNE_PARAMETER_FILE"` : `'${cat}'`
  return {
    [`actions/${name}.yaml`]: `ref: nums.${name}\nrunner_type: shell\nentry_point: ${name}.sh\nparameter_format: ${format}\nparameter_delivery: ${delivery}\n${PARAMS}`,
    [`actions/${name}.sh`]: `${read} > '${machine.path(`${name}.out`)}'\n`
  }
}

beforeAll(() => {
  machine = RuntimeMachine.create()
  writePack(machine, 'nums', { ...action('json', 'json', 'stdin'), ...action('dotenv', 'dotenv', 'file'), ...action('yaml', 'yaml', 'stdin') })
  env = { ...machine.env(['bin']), ATTUNE_WORKER_RUNTIMES: 'shell', SHELL: systemTool('sh') }
  const added = spawnSync(process.execPath, [BIN, '--home', machine.dataHome, 'packs', 'add', machine.path('packs/nums')], { env, encoding: 'utf8', timeout: 30_000 })
  expect(added.status, added.stderr).toBe(0)
})
afterAll(() => machine?.dispose())

function run(name: string, args: readonly string[], input?: string): string {
  const result = spawnSync(process.execPath, [BIN, '--home', machine.dataHome, 'run', `nums.${name}`, ...args], { env, input, encoding: 'utf8', timeout: 30_000 })
  expect(result.status, result.stdout + result.stderr).toBe(0)
  return readFileSync(machine.path(`${name}.out`), 'utf8')
}

const EXPECTED = {
  json: '{"ratio":1.0,"big":12345678901234567890}\n',
  dotenv: "big='12345678901234567890'\nratio='1.0'",
  yaml: 'ratio: 1.0\nbig: 12345678901234567890\n\n'
} as const

describe('exact numbers from the CLI to the action', () => {
  it.each(Object.keys(EXPECTED) as (keyof typeof EXPECTED)[])('-p key=value: %s', (name) => {
    expect(run(name, ['-p', 'ratio=1.0', '-p', 'big=12345678901234567890'])).toBe(EXPECTED[name])
  }, 30_000)

  it.each(Object.keys(EXPECTED) as (keyof typeof EXPECTED)[])('--params JSON and --params -: %s', (name) => {
    const document = '{"ratio": 1.0, "big": 12345678901234567890}'
    expect(run(name, ['--params', document])).toBe(EXPECTED[name])
    expect(run(name, ['--params', '-'], document)).toBe(EXPECTED[name])
  }, 30_000)

  it.each(Object.keys(EXPECTED) as (keyof typeof EXPECTED)[])('--params-file (JSON and YAML): %s', (name) => {
    writeFileSync(machine.path('p.json'), '{"ratio": 1.0, "big": 12345678901234567890}')
    writeFileSync(machine.path('p.yaml'), 'ratio: 1.0\nbig: 12345678901234567890\n')
    expect(run(name, ['--params-file', machine.path('p.json')])).toBe(EXPECTED[name])
    expect(run(name, ['--params-file', machine.path('p.yaml')])).toBe(EXPECTED[name])
  }, 30_000)

  it('over the engine socket too: a CLI run beside a running serve sends its numbers as typed', async () => {
    const serve = spawn(process.execPath, [BIN, '--home', machine.dataHome, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      await new Promise<void>((resolve, reject) => {
        serve.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('serving on') && resolve())
        serve.on('exit', (code) => reject(new Error(`serve exited ${code}`)))
      })
      // serve holds the home: this run is a client of its engine socket (in process it could not open the home).
      expect(run('json', ['-p', 'ratio=1.0', '-p', 'big=12345678901234567890'])).toBe(EXPECTED.json)
      expect(run('yaml', ['--params', '{"ratio": 1.0, "big": 12345678901234567890}'])).toBe(EXPECTED.yaml)
    } finally {
      serve.kill('SIGTERM')
    }
  }, 60_000)
})
