import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Resolution, RuntimeVersionView, RuntimeView } from '../../shared/domain/runtime'
import { captureIo, type CapturedIo } from '../../../test-support/capture-io'
import { holdDataHome } from '../../../test-support/hold-data-home'
import { RuntimeMachine } from '../../../test-support/runtime-machine'
import { runCli, USAGE } from './run-cli'

let machine: RuntimeMachine
let env: Record<string, string>

beforeEach(() => {
  machine = RuntimeMachine.create()
  machine.python('bin/python3.11', '3.11.9')
  machine.fake.symlink('bin/python3', 'python3.11')
  machine.pyenvShims(['python3.12', 'python3'])
  machine.pyenvPython('3.12.4')
  machine.pyenvPython('3.13.2')
  machine.nvmNode('20.11.1')
  env = machine.env(['home/.pyenv/shims', 'bin'])
})
afterEach(() => {
  machine.dispose()
})

/** Run the CLI in-process on the fake machine with the test catalog. */
async function cli(...argv: string[]): Promise<CapturedIo & { code: number }> {
  const captured = captureIo(env)
  const code = await runCli(['--home', machine.dataHome, ...argv], captured.io, machine.workbenchOptions())
  // Nothing a command prints is a stack trace, whatever happened.
  expect(captured.stdout() + captured.stderr()).not.toMatch(/\n\s+at .+:\d+/)
  return { ...captured, code }
}

function versionsOf(runtimes: readonly RuntimeView[]): RuntimeVersionView[] {
  return runtimes.flatMap((runtime) => runtime.versions)
}

function find(runtimes: readonly RuntimeView[], ref: string, version: string): RuntimeVersionView {
  const row = versionsOf(runtimes).find((candidate) => candidate.runtime === ref && candidate.version === version)
  if (!row) throw new Error(`${ref} ${version} missing`)
  return row
}

const VERSION_FIELDS = ['runtime', 'name', 'version', 'isDefault', 'available', 'enabled', 'verifiedAt', 'interpreter', 'source', 'verification', 'reason']

describe('attune-workbench runtimes', () => {
  it('verify --json prints one document with the stable runtime-version shape', async () => {
    const run = await cli('runtimes', 'verify', '--json')
    expect(run.code).toBe(0)
    const doc = run.json() as { summary: unknown; runtimes: RuntimeView[]; problems: unknown[] }
    expect(doc.summary).toEqual({ checked: 6, available: 4, unavailable: 2, skipped: 0 })
    expect(doc.problems).toEqual([])
    for (const row of versionsOf(doc.runtimes)) {
      for (const field of VERSION_FIELDS) expect(row).toHaveProperty(field)
      expect(typeof row.verifiedAt).toBe('string')
      expect(row.verification).toEqual(expect.objectContaining({ command: expect.any(String), exitCode: expect.toSatisfy((v) => v === null || typeof v === 'number'), matched: expect.any(Boolean), output: expect.any(String) }))
    }
    const pyenv312 = machine.path('home/.pyenv/versions/3.12.4/bin/python3.12')
    expect(find(doc.runtimes, 'core.python', '3.12')).toMatchObject({
      runtime: 'core.python',
      name: 'Python',
      version: '3.12',
      isDefault: true,
      available: true,
      enabled: true,
      interpreter: pyenv312,
      source: 'pyenv',
      verification: { command: `${pyenv312} --version`, exitCode: 0, matched: true, output: 'Python 3.12.4' },
      reason: null
    })
    const node18 = find(doc.runtimes, 'core.nodejs', '18')
    expect(node18).toMatchObject({ available: false, interpreter: null, source: null })
    expect(node18.reason).toContain('node18')
    expect(run.stderr()).not.toContain('Verifying')
  })

  it('verify --runtime R limits the work to one runtime', async () => {
    const run = await cli('runtimes', 'verify', '--runtime', 'node', '--json')
    expect(run.code).toBe(0)
    const doc = run.json() as { summary: { checked: number }; runtimes: RuntimeView[] }
    expect(doc.runtimes.map((runtime) => runtime.ref)).toEqual(['core.nodejs'])
    expect(doc.summary.checked).toBe(3)
  })

  it('list prints a readable table with sources and the reasons of unavailable versions', async () => {
    const run = await cli('runtimes', 'list')
    expect(run.code).toBe(0)
    const out = run.stdout()
    expect(out).toContain('Python (core.python) — available')
    expect(out).toMatch(/VERSION\s+STATUS\s+ENABLED\s+INTERPRETER\s+SOURCE/)
    expect(out).toMatch(new RegExp(`3\\.12 \\(default\\)\\s+available\\s+yes\\s+${machine.path('home/.pyenv/versions/3.12.4/bin/python3.12').replace(/[.]/g, '\\.')}\\s+pyenv`))
    expect(out).toMatch(/3\.11\s+available\s+yes\s+\S+bin\/python3\.11\s+path/)
    expect(out).toMatch(/18\s+unavailable\s+yes\s+-\s+-/)
    expect(out).toMatch(/^ {2}18: node18 --version: node18 is not on PATH and no Node\.js 18 installation was found/m)
    expect(out).toContain('Shell (core.shell) — available')
    expect(out.split('\n').filter((line) => line !== line.trimEnd())).toEqual([])
  })

  it('disable and enable persist across separate invocations and steer resolve', async () => {
    const disabled = await cli('runtimes', 'disable', 'python', '3.13')
    expect(disabled.code).toBe(0)
    expect(disabled.stdout()).toBe('Python 3.13 disabled.\n')
    const listed = (await cli('runtimes', 'list', '--json')).json() as { runtimes: RuntimeView[] }
    expect(find(listed.runtimes, 'core.python', '3.13')).toMatchObject({ enabled: false, available: true })
    expect(((await cli('resolve', 'python', '--constraint', '>=3.12', '--json')).json() as Resolution).selected).toBe('3.12')

    const enabled = await cli('runtimes', 'enable', 'python3', '3.13', '--json')
    expect(enabled.code).toBe(0)
    expect(enabled.json()).toMatchObject({ runtime: 'core.python', version: '3.13', enabled: true })
    expect(((await cli('resolve', 'python', '--constraint', '>=3.12', '--json')).json() as Resolution).selected).toBe('3.13')
  })

  it('enable says so when the version it enables is unavailable', async () => {
    await cli('runtimes', 'verify')
    const run = await cli('runtimes', 'enable', 'node', '18')
    expect(run.stdout()).toMatch(/^Node\.js 18 enabled \(but unavailable: node18 --version: .*\)\.\n$/)
  })
})

describe('attune-workbench resolve', () => {
  it('--json prints the resolution shape', async () => {
    const run = await cli('resolve', 'python', '--constraint', '>=3.12', '--json')
    expect(run.code).toBe(0)
    const doc = run.json() as Record<string, unknown>
    expect(doc).toMatchObject({ runtime: 'core.python', constraint: '>=3.12', normalized: '>=3.12.0', valid: true, error: null, selected: '3.13', fallback: null })
    for (const field of ['runtime', 'constraint', 'normalized', 'valid', 'error', 'selected', 'fallback', 'candidates']) expect(doc).toHaveProperty(field)
    const candidates = doc.candidates as Record<string, unknown>[]
    expect(candidates.map((c) => c.version)).toEqual(['3.13', '3.12', '3.11'])
    for (const candidate of candidates) {
      for (const field of ['version', 'available', 'enabled', 'isDefault', 'matches', 'reason']) expect(candidate).toHaveProperty(field)
    }
    expect(candidates[2]).toMatchObject({ version: '3.11', available: true, enabled: true, isDefault: false, matches: false, reason: 'outside the range >=3.12.0' })
  })

  it('explains a candidate list in words without --json', async () => {
    const run = await cli('resolve', 'python', '--candidates', '3.11,3.12*,3.13!')
    expect(run.code).toBe(0)
    expect(run.stdout()).toMatch(/^core\.python, no constraint: 3\.12\n/)
    expect(run.stdout()).toContain('→ 3.12')
    expect(run.stdout()).toContain("✗ 3.13       unavailable: marked '!' in --candidates")
  })

  it('prints valid:false and exits 2 for an invalid constraint', async () => {
    const run = await cli('resolve', 'python', '--constraint', '>=v3.12', '--json')
    expect(run.code).toBe(2)
    expect(run.json()).toMatchObject({ valid: false, selected: null, fallback: 'base', error: expect.stringContaining("Invalid version constraint '>=v3.12'") })
    const human = await cli('resolve', 'python', '--constraint', '>=v3.12')
    expect(human.code).toBe(2)
    expect(human.stderr()).toMatch(/^error: invalid constraint '>=v3\.12': Invalid version constraint/)
  })
})

describe('attune-workbench exit codes and errors', () => {
  it.each([
    ['an unknown runtime', ['resolve', 'cobol'], "unknown runtime 'cobol'"],
    ['an unknown runtime to verify', ['runtimes', 'verify', '--runtime', 'cobol'], "unknown runtime 'cobol'"],
    ['an unknown version', ['runtimes', 'disable', 'python', '3.9'], "Python has no version '3.9'"],
    ['an unknown command', ['frobnicate'], "unknown command 'frobnicate'"],
    ['an unknown runtimes verb', ['runtimes', 'frobnicate'], "unknown runtimes command 'frobnicate'"],
    ['an unknown option', ['runtimes', 'list', '--bogus'], 'unknown option --bogus'],
    ['an option without its value', ['resolve', 'python', '--constraint'], '--constraint needs a value'],
    ['a missing argument', ['runtimes', 'disable', 'python'], 'usage: attune-workbench runtimes disable RUNTIME VERSION'],
    ['an extra argument', ['resolve', 'python', 'node'], 'usage: attune-workbench resolve'],
    ['an empty candidate list', ['resolve', 'python', '--candidates', ','], '--candidates'],
    ['candidates that do not parse', ['resolve', 'python', '--candidates', '3.11,*3.12,py3'], "--candidates: '*3.12', 'py3' are not versions (markers go after the version"],
    ['a misspelt runtime', ['resolve', 'pyhton'], "unknown runtime 'pyhton' (did you mean 'python'? known runtimes: "],
    ['a misspelt command', ['runtime', 'list'], "unknown command 'runtime' (did you mean 'runtimes'? try --help)"],
    ['a flag given a value', ['runtimes', 'list', '--json=yes'], '--json']
  ])('exits 2 for %s, with {error:{kind,message}} under --json', async (_name, argv, message) => {
    const json = await cli(...argv, '--json')
    expect(json.code).toBe(2)
    expect(json.json()).toEqual({ error: { kind: 'bad-input', message: expect.stringContaining(message) } })
    const human = await cli(...argv)
    expect(human.code).toBe(2)
    expect(human.stdout()).toBe('')
    expect(human.stderr()).toBe(`error: ${(json.json() as { error: { message: string } }).error.message}\n`)
  })

  it('exits 3 with an environment error while another process holds the data home', async () => {
    expect((await cli('runtimes', 'list')).code).toBe(0)
    const held = await holdDataHome(machine.dataHome)
    try {
      const run = await cli('runtimes', 'list', '--json')
      expect(run.code).toBe(3)
      expect(run.json()).toEqual({ error: { kind: 'environment', message: expect.stringContaining('in use by another Attune Workbench process') } })
    } finally {
      await held.release()
    }
    expect((await cli('runtimes', 'list')).code).toBe(0)
  })

  it('prints usage: exit 0 for --help, 2 with no command', async () => {
    const help = await cli('--help')
    expect(help.code).toBe(0)
    expect(help.stdout()).toBe(USAGE)
    const none = await cli()
    expect(none.code).toBe(2)
    expect(none.stdout()).toBe(USAGE)
  })

  it('with --json and no command, prints a JSON error on stdout and the usage on stderr', async () => {
    const none = await cli('--json')
    expect(none.code).toBe(2)
    expect(none.json()).toEqual({ error: { kind: 'bad-input', message: 'no command given (the usage is printed above; try --help)' } })
    expect(none.stderr()).toContain(USAGE)
  })

  it('takes the data home from ATTUNE_WORKBENCH_HOME when --home is absent', async () => {
    const captured = captureIo({ ...env, ATTUNE_WORKBENCH_HOME: machine.dataHome })
    expect(await runCli(['runtimes', 'disable', 'node', '22'], captured.io, machine.workbenchOptions())).toBe(0)
    const listed = (await cli('runtimes', 'list', '--json')).json() as { runtimes: RuntimeView[] }
    expect(find(listed.runtimes, 'core.nodejs', '22').enabled).toBe(false)
  })
})
