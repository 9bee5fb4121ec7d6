import { mkdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExecutionView, MatrixView } from '../../shared/domain/execution'
import { captureIo, type CapturedIo } from '../../../test-support/capture-io'
import { catalogOptions, dressedPython, linkTools, writePack } from '../../../test-support/env-machine'
import { realNodeOn } from '../../../test-support/exec-machine'
import { RuntimeMachine } from '../../../test-support/runtime-machine'
import { findVenvPython } from '../core/envs/env-test-kit'
import { runCli } from './run-cli'

/**
 * The "done when", through the CLI on a fake machine with the built-in catalog: Pythons 3.11,
 * 3.12 and 3.13 are one real Python dressed as each (see `dressedPython`: it answers `--version` with
 * the dressed version and tells the action which one it is through `sys._xoptions`), Node.js is the real
 * one behind a `node<major>` wrapper. Real venvs, real processes, one data home shared by the tests in
 * order (the pack's envs are built once).
 */
const python = findVenvPython()
const skipReason = 'skip' in python ? python.skip : null
if (skipReason) console.log(`run-versions tests skipped: ${skipReason}`)

let machine: RuntimeMachine
let env: Record<string, string>
let nodeMajor: string | null = null

const WHICH_PY = `import json, sys
sys.stdin.read()
print(json.dumps({"dressed": sys._xoptions.get("attune_dressed"), "executable": sys.executable, "prefix": sys.prefix}))
`
const pythonAction = (name: string, constraint: string, entry = 'which.py'): Record<string, string> => ({
  [`actions/${name}.yaml`]: `ref: multi.${name}\nrunner_type: python\nruntime_version: "${constraint}"\nentry_point: ${entry}\noutput_format: json\n`
})

beforeAll(async () => {
  if ('skip' in python) return
  machine = RuntimeMachine.create()
  for (const version of ['3.11.9', '3.12.4', '3.13.1']) {
    dressedPython(machine, `bin/python${version.slice(0, 4)}`, version, python.python, { withoutPip: true })
  }
  machine.fake.symlink('bin/python3', 'python3.11')
  linkTools(machine, ['sh', 'mkdir', 'cp'])
  const node = realNodeOn(machine)
  if ('skip' in node) console.log(`run-versions: the Node.js test is skipped: ${node.skip}`)
  else nodeMajor = node.major
  env = machine.env(['bin'])
  writePack(machine, 'multi', {
    'actions/which.py': WHICH_PY,
    'actions/same.py': 'import sys\nsys.stdin.read()\nprint(\'{"ok": true}\')\n',
    ...pythonAction('which', '>=3.12'),
    ...pythonAction('which_any', '>=3.11'),
    ...pythonAction('future', '>=3.14'),
    ...pythonAction('same', '>=3.11', 'same.py'),
    'actions/greet.yaml': `ref: multi.greet
runner_type: nodejs
runtime_version: ">=18"
entry_point: greet.js
parameter_delivery: stdin
parameter_format: json
output_format: json
parameters:
  name: {type: string, required: true}
  count: {type: integer, default: 1}
  loud: {type: boolean, default: false}
`,
    'actions/greet.js': `let text = ''
process.stdin.setEncoding('utf8')
process.stdin.on('data', (chunk) => (text += chunk))
process.stdin.on('end', () => {
  const params = JSON.parse(text)
  console.log(JSON.stringify({ got: params, greeting: 'Hello ' + params.name + '!'.repeat(params.count), node: process.version }))
})
`
  })
  const added = await cli('packs', 'add', machine.path('packs/multi'))
  expect(added.code, added.stdout() + added.stderr()).toBe(0)
}, 60_000)
afterAll(() => {
  if (!('skip' in python)) machine.dispose()
})

async function cli(...argv: string[]): Promise<CapturedIo & { code: number }> {
  const captured = captureIo(env)
  const code = await runCli(['--home', machine.dataHome, ...argv], captured.io, catalogOptions(machine, { killGraceMs: 200 }))
  expect(captured.stdout() + captured.stderr()).not.toMatch(/\n\s+at .+:\d+/)
  return { ...captured, code }
}

async function runJson(...argv: string[]): Promise<{ code: number; run: ExecutionView; stderr: string }> {
  const result = await cli('run', ...argv, '--json')
  return { code: result.code, run: result.json() as ExecutionView, stderr: result.stderr() }
}

const envDir = (name: string): string => join(machine.dataHome, 'runtime_envs', 'multi', name)
const recorded = async (): Promise<number> => ((await cli('executions', 'list', '--json', '--limit', '10000')).json() as { executions: unknown[] }).executions.length

type Which = { dressed: string; executable: string; prefix: string }

describe.skipIf(skipReason !== null)('version-aware runs on Pythons 3.11–3.13 (the issue’s done-when)', () => {
  it('runs a ">=3.12" action on 3.13, in the python-3.13 env, with that env’s interpreter', async () => {
    const { code, run } = await runJson('multi.which')

    expect(code).toBe(0)
    expect(run).toMatchObject({ status: 'completed', exitCode: 0, runtime: 'core.python', constraint: '>=3.12', selectedVersion: '3.13', fallback: null, envDir: envDir('python-3.13'), interpreter: join(envDir('python-3.13'), 'bin', 'python3.13') })
    expect(run.resolution).toMatchObject({ selected: '3.13', fallback: null, valid: true, normalized: '>=3.12.0' })
    // The interpreter that actually ran says it is 3.13 and lives in that env.
    const result = run.result as Which
    expect(result.dressed).toBe('3.13.1')
    expect(result.prefix).toBe(envDir('python-3.13'))
    expect(result.executable.startsWith(`${envDir('python-3.13')}/`)).toBe(true)
  })

  it('runs on 3.12 once 3.13 is disabled', async () => {
    expect((await cli('runtimes', 'disable', 'python', '3.13')).code).toBe(0)
    try {
      const { run } = await runJson('multi.which')
      expect(run).toMatchObject({ status: 'completed', selectedVersion: '3.12', envDir: envDir('python-3.12') })
      expect((run.result as Which).dressed).toBe('3.12.4')
      expect((run.result as Which).prefix).toBe(envDir('python-3.12'))
    } finally {
      expect((await cli('runtimes', 'enable', 'python', '3.13')).code).toBe(0)
    }
  })

  it('runs a ">=3.14" action on the base config with the fallback warning on the run', async () => {
    const { code, run } = await runJson('multi.future')

    expect(code).toBe(0)
    const warning = "no available, enabled Python version satisfies '>=3.14'; like the worker, the run uses the base Python config"
    expect(run).toMatchObject({ status: 'completed', selectedVersion: null, fallback: warning, envDir: envDir('python') })
    expect(run.warnings).toContain(warning)
    expect(run.resolution).toMatchObject({ selected: null, fallback: 'base' })
    // The base config's python3 is the 3.11 on PATH.
    expect((run.result as Which).dressed).toBe('3.11.9')
    expect((run.result as Which).prefix).toBe(envDir('python'))

    const human = await cli('run', 'multi.future')
    expect(human.code).toBe(0)
    expect(human.stderr()).toContain(`on the base core.python config — warning: ${warning}`)
    expect(human.stdout()).toContain(`  fallback:    ${warning}`)
  })

  it('fails a ">=3.14" run under --strict: a recorded failed run, exit 3', async () => {
    const before = await recorded()
    const { code, run } = await runJson('multi.future', '--strict')

    expect(code).toBe(3)
    expect(run).toMatchObject({ action: 'multi.future', status: 'failed', selectedVersion: null, startedAt: null })
    expect(run.error).toBe("strict mode: no available, enabled Python version satisfies '>=3.14'")
    expect(await recorded()).toBe(before + 1)
    const human = await cli('run', 'multi.future', '--strict')
    expect(human.code).toBe(3)
    expect(human.stderr()).toContain('failed before it started: strict mode')
  })

  it('refuses --version 3.11 for a ">=3.12" action as bad input unless --force', async () => {
    const before = await recorded()
    const refused = await cli('run', 'multi.which', '--version', '3.11', '--json')
    expect(refused.code).toBe(2)
    expect(refused.json()).toEqual({ error: { kind: 'bad-input', message: "--version 3.11 does not satisfy the action's constraint '>=3.12' (add --force to run it anyway)" } })
    expect(await recorded()).toBe(before)

    const { code, run } = await runJson('multi.which', '--version', '3.11', '--force')
    expect(code).toBe(0)
    // A pinned run uses the pinned version's own env and interpreter.
    expect(run).toMatchObject({ status: 'completed', selectedVersion: '3.11', envDir: envDir('python-3.11'), options: { version: '3.11', force: true } })
    expect(run.resolution?.decision).toBe("pinned to Python 3.11 by --version (forced: outside '>=3.12')")
    expect((run.result as Which).dressed).toBe('3.11.9')

    const unknown = await cli('run', 'multi.which', '--version', '3.9', '--json')
    expect(unknown.code).toBe(2)
    expect(await recorded()).toBe(before + 1)
  })

  it('refuses a pinned version that is disabled as an environment problem (exit 3)', async () => {
    expect((await cli('runtimes', 'disable', 'python', '3.12')).code).toBe(0)
    try {
      const run = await cli('run', 'multi.which', '--version', '3.12', '--json')
      expect(run.code).toBe(3)
      expect(run.json()).toEqual({ error: { kind: 'environment', message: expect.stringContaining('Python 3.12 is disabled') } })
    } finally {
      await cli('runtimes', 'enable', 'python', '3.12')
    }
  })
})

describe.skipIf(skipReason !== null)('matrix', () => {
  it('runs a ">=3.11" action on 3.11, 3.12 and 3.13 and reports each', async () => {
    const result = await cli('matrix', 'multi.which_any', '--json')

    expect(result.code).toBe(0)
    const matrix = result.json() as MatrixView
    expect(matrix.action).toBe('multi.which_any')
    expect(matrix.runs.map((run) => run.selectedVersion).sort()).toEqual(['3.11', '3.12', '3.13'])
    for (const run of matrix.runs) {
      expect(run).toMatchObject({ status: 'completed', exitCode: 0, matrixId: matrix.id, envDir: envDir(`python-${run.selectedVersion}`) })
      expect((run.result as Which).dressed.startsWith(`${run.selectedVersion}.`)).toBe(true)
      expect(run.durationMs).toEqual(expect.any(Number))
      // Each run's output streamed to stderr as it came, its lines marked with the version.
      expect(result.stderr()).toContain(`[${run.selectedVersion}] ${run.stdout.split('\n')[0]}`)
    }
    expect(matrix.summary).toMatchObject({ passed: 3, failed: 0, skipped: [], resultsDiffer: true })
    expect([...matrix.summary.versions].sort()).toEqual(['3.11', '3.12', '3.13'])
    expect(matrix.entries.map((entry) => [entry.version, entry.skipped])).toEqual(expect.arrayContaining([['3.11', null], ['3.12', null], ['3.13', null]]))
  })

  it('says when results agree, and prints a table in human mode', async () => {
    const json = (await cli('matrix', 'multi.same', '--json')).json() as MatrixView
    expect(json.summary).toMatchObject({ passed: 3, failed: 0, resultsDiffer: false })
    expect(json.entries.every((entry) => !entry.differs)).toBe(true)

    const human = await cli('matrix', 'multi.same')
    expect(human.code).toBe(0)
    expect(human.stdout()).toMatch(/VERSION\s+STATUS\s+EXIT\s+DURATION\s+RESULT\s+DIFFERS/)
    expect(human.stdout()).toMatch(/3\.13\s+completed\s+0\s+\d+ ms\s+\{"ok":true\}/)
    expect(human.stdout()).toContain('3 passed, 0 failed; results agree')
  })

  it('runs only the chosen versions, N times each, and diffs each result field by field against the baseline', async () => {
    const result = await cli('matrix', 'multi.which_any', '--versions', '3.12,3.13', '--repeat', '2', '--json')
    expect(result.code).toBe(0)
    const matrix = result.json() as MatrixView
    expect(matrix.runs.map((run) => run.selectedVersion).sort()).toEqual(['3.12', '3.12', '3.13', '3.13'])
    expect([...matrix.summary.versions].sort()).toEqual(['3.12', '3.13'])
    expect(matrix.summary).toMatchObject({ repeat: 2, skipped: [{ version: '3.11', reason: 'not chosen for this matrix' }], resultsDiffer: true })
    const baseline = matrix.summary.baseline
    expect(['3.12', '3.13']).toContain(baseline)
    const other = baseline === '3.12' ? '3.13' : '3.12'
    for (const entry of matrix.entries.filter((e) => e.version === other)) {
      expect(entry.differs).toBe(true)
      expect(entry.diff?.baseline).toBe(baseline)
      expect(entry.diff?.fields).toEqual(
        expect.arrayContaining([{ path: 'dressed', kind: 'changed', before: expect.stringMatching(new RegExp(`^${baseline}\\.`)), after: expect.stringMatching(new RegExp(`^${other}\\.`)) }])
      )
    }
    // The baseline's repeat compares equal to it.
    const repeatOfBaseline = matrix.entries.filter((e) => e.version === baseline && e.diff !== null)
    expect(repeatOfBaseline.map((e) => e.diff?.same)).toEqual([true])

    const human = await cli('matrix', 'multi.which_any', '--versions', '3.11,3.13')
    expect(human.stdout()).toMatch(/differs from 3\.1[13]/)
    expect(human.stdout()).toMatch(/~ dressed: "3\.1[13]\.\d+" → "3\.1[13]\.\d+"/)
  })

  it('refuses versions that cannot run in the matrix, naming those that fit, and a bad --repeat', async () => {
    const before = await recorded()
    const unknown = await cli('matrix', 'multi.which', '--versions', '3.11,2.7', '--json')
    expect(unknown.code).toBe(2)
    expect((unknown.json() as { error: { message: string } }).error.message).toBe(
      'cannot run 3.11 (does not fit or is unavailable), 2.7 (not a version of this runtime) in this matrix; the versions that fit are 3.13, 3.12'
    )
    const repeat = await cli('matrix', 'multi.which', '--repeat', '0', '--json')
    expect(repeat.code).toBe(2)
    expect((repeat.json() as { error: { message: string } }).error.message).toContain("--repeat must be a whole number from 1 to 20, found '0'")
    expect(await recorded()).toEqual(before)
  })

  it('lists the versions it skipped, with the reason, never dropping them', async () => {
    expect((await cli('runtimes', 'disable', 'python', '3.12')).code).toBe(0)
    try {
      const result = await cli('matrix', 'multi.which', '--json')
      expect(result.code).toBe(0)
      const matrix = result.json() as MatrixView
      expect(matrix.summary.versions).toEqual(['3.13'])
      expect(matrix.summary.skipped).toEqual([
        { version: '3.12', reason: 'disabled by the user' },
        { version: '3.11', reason: "does not satisfy '>=3.12'" }
      ])
      expect(matrix.entries.filter((entry) => entry.run === null).map((entry) => entry.version)).toEqual(['3.12', '3.11'])
      const human = await cli('matrix', 'multi.which')
      expect(human.stdout()).toMatch(/3\.11\s+skipped\s+-\s+-\s+does not satisfy '>=3\.12'/)
    } finally {
      await cli('runtimes', 'enable', 'python', '3.12')
    }
  })

  it('fails when no version can run: an environment error naming each version, exit 3, nothing recorded', async () => {
    const before = await recorded()
    const result = await cli('matrix', 'multi.future', '--json')
    expect(result.code).toBe(3)
    const { error } = result.json() as { error: { kind: string; message: string } }
    expect(error.kind).toBe('environment')
    expect(error.message).toBe("no Python version can run multi.future: 3.13 (does not satisfy '>=3.14'); 3.12 (does not satisfy '>=3.14'); 3.11 (does not satisfy '>=3.14')")
    expect(await recorded()).toBe(before)
  })
})

describe.skipIf(skipReason !== null)('a Node.js action', () => {
  it('reads its JSON parameters from stdin and returns its parsed JSON result, parameters from the command line', async (context) => {
    if (nodeMajor === null) context.skip()
    const { code, run } = await runJson('multi.greet', '-p', 'name=Ada', '-p', 'count=3', '--params', '{"loud": true}')

    expect(code).toBe(0)
    expect(run).toMatchObject({ status: 'completed', runtime: 'core.nodejs', constraint: '>=18', selectedVersion: nodeMajor, parameters: { name: 'Ada', count: 3, loud: true } })
    expect(run.result).toEqual({ got: { name: 'Ada', count: 3, loud: true }, greeting: 'Hello Ada!!!', node: expect.stringMatching(new RegExp(`^v${nodeMajor}\\.`)) })
    expect(run.stdout).toBe('')
  })
})

describe.skipIf(skipReason !== null)('the env of the selected version at run time', () => {
  it('is recreated first when it is missing or broken, and the run still runs on that version', async () => {
    rmSync(envDir('python-3.13'), { recursive: true, force: true })
    const missing = (await runJson('multi.which')).run
    expect(missing).toMatchObject({ status: 'completed', selectedVersion: '3.13', envDir: envDir('python-3.13'), fallback: null })
    expect((missing.result as Which).prefix).toBe(envDir('python-3.13'))

    // A dangling interpreter: the env is broken (spec §4.3) and rebuilt before the run.
    rmSync(join(envDir('python-3.13'), 'bin', 'python3.13'))
    const broken = (await runJson('multi.which')).run
    expect(broken).toMatchObject({ status: 'completed', selectedVersion: '3.13', envDir: envDir('python-3.13'), fallback: null, interpreter: join(envDir('python-3.13'), 'bin', 'python3.13') })
    expect((broken.result as Which).dressed).toBe('3.13.1')
  })
})

describe.skipIf(skipReason !== null)('a version whose interpreter vanished after verification', () => {
  // process.rs `ProcessRuntime::execute` (newest worker): the fallback keeps `env_dir`, the version's dir.
  it("runs on the base config in the version's env dir, as the worker does, and the run says so", async () => {
    mkdirSync(machine.path('hidden'), { recursive: true })
    renameSync(machine.path('bin/python3.13'), machine.path('hidden/python3.13'))
    rmSync(envDir('python-3.13'), { recursive: true, force: true })
    try {
      const { code, run } = await runJson('multi.which')

      expect(code).toBe(0)
      expect(run).toMatchObject({ status: 'completed', selectedVersion: '3.13', envDir: envDir('python-3.13'), interpreter: join(envDir('python-3.13'), 'bin', 'python3') })
      expect(run.fallback).toMatch(/^interpreter '.*\/bin\/python3\.13' of the selected version is not available on this machine; the base runtime config runs instead/)
      expect(run.warnings).toEqual(expect.arrayContaining([expect.stringContaining('the python-3.13 environment is failed')]))
      expect((run.result as Which).prefix).toBe(envDir('python-3.13'))
    } finally {
      renameSync(machine.path('hidden/python3.13'), machine.path('bin/python3.13'))
    }
  })
})
