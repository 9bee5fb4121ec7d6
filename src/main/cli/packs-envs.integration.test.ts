import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EnvView } from '../../shared/domain/env'
import type { PackView } from '../../shared/domain/pack'
import { captureIo, type CapturedIo } from '../../../test-support/capture-io'
import { action, catalogOptions, cheapPython, writePack, writePackFiles } from '../../../test-support/env-machine'
import { RuntimeMachine } from '../../../test-support/runtime-machine'
import { runCli } from './run-cli'

/**
 * `packs` and `envs` through the CLI, in-process, on a fake machine with the built-in catalog: Pythons
 * 3.11–3.13 whose venvs are cheap fakes, a real SQLite home, real child processes.
 */
let machine: RuntimeMachine
let env: Record<string, string>
let demo: string

beforeEach(() => {
  machine = RuntimeMachine.create()
  cheapPython(machine, 'bin/python3.11', '3.11.9')
  cheapPython(machine, 'bin/python3.12', '3.12.4')
  cheapPython(machine, 'bin/python3.13', '3.13.1')
  machine.fake.symlink('bin/python3', 'python3.11')
  env = machine.env(['bin'])
  demo = writePack(machine, 'demo', { ...action('demo', 'hello', 'python', { constraint: '>=3.12' }), ...action('demo', 'script', 'shell'), 'requirements.txt': 'fake==1\n' })
})
afterEach(() => machine.dispose())

async function cli(...argv: string[]): Promise<CapturedIo & { code: number }> {
  const captured = captureIo(env)
  const code = await runCli(['--home', machine.dataHome, ...argv], captured.io, catalogOptions(machine))
  expect(captured.stdout() + captured.stderr()).not.toMatch(/\n\s+at .+:\d+/)
  return { ...captured, code }
}

const ENV_FIELDS = ['pack', 'runtime', 'version', 'dir', 'status', 'interpreter', 'depsHash', 'sizeBytes', 'builtAt', 'error'] as const
const envsDir = (...parts: string[]): string => join(machine.dataHome, 'runtime_envs', ...parts)

function expectEnvShape(value: EnvView): void {
  for (const field of ENV_FIELDS) expect(value).toHaveProperty(field)
  expect(['missing', 'building', 'ready', 'stale', 'broken', 'failed']).toContain(value.status)
}

describe('packs add', () => {
  it('prints the pack, its actions and its env tree; progress goes to stderr', async () => {
    const run = await cli('packs', 'add', demo)

    expect(run.code).toBe(0)
    const out = run.stdout()
    expect(out).toMatch(new RegExp(`^demo 1\\.0\\.0 — ${demo.replace(/[.]/g, '\\.')}\n`))
    expect(out).toMatch(/ACTION\s+RUNNER\s+RUNTIME\s+CONSTRAINT/)
    expect(out).toMatch(/demo\.hello\s+python\s+core\.python\s+>=3\.12/)
    expect(out).toMatch(/demo\.script\s+shell\s+core\.shell\s+-/)
    expect(out).toMatch(/ENV\s+STATUS\s+INTERPRETER\s+DEPS\s+SIZE\s+BUILT/)
    for (const name of ['python', 'python-3.13', 'python-3.12']) expect(out).toMatch(new RegExp(`\\n  ${name.replace('.', '\\.')}\\s+ready \\(built now\\)\\s+${envsDir('demo', name)}/bin/python3`))
    expect(out).not.toContain('python-3.11')
    expect(out.split('\n').filter((line) => line !== line.trimEnd())).toEqual([])
    expect(run.stderr()).toContain(`Registering ${demo}...`)
    expect(run.stderr()).toContain(`  [demo core.python 3.12] created ${envsDir('demo', 'python-3.12')}`)
  })

  it('--json prints {pack, envs} with the stable env shape on stdout and progress on stderr', async () => {
    const run = await cli('packs', 'add', demo, '--json')

    expect(run.code).toBe(0)
    const doc = run.json() as { pack: PackView; envs: (EnvView & { action: string; logTail: string[] })[] }
    expect(doc.pack).toMatchObject({ ref: 'demo', dir: demo, version: '1.0.0', problems: [], runtimes: [] })
    expect(doc.pack.actions.map((a) => a.ref)).toEqual(['demo.hello', 'demo.script'])
    expect(doc.envs.map((e) => [e.version, e.status, e.action])).toEqual([
      [null, 'ready', 'built'],
      ['3.13', 'ready', 'built'],
      ['3.12', 'ready', 'built']
    ])
    for (const e of doc.envs) expectEnvShape(e)
    expect(doc.envs[1]).toMatchObject({
      pack: 'demo',
      runtime: 'core.python',
      version: '3.13',
      dir: envsDir('demo', 'python-3.13'),
      interpreter: envsDir('demo', 'python-3.13', 'bin', 'python3.13'),
      depsHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      sizeBytes: expect.any(Number),
      builtAt: expect.any(String),
      error: null
    })
    // DESIGN.md: progress goes to stderr in --json mode too; stdout holds the one document.
    expect(run.stderr()).toContain('[demo core.python 3.13]')
    expect(() => JSON.parse(run.stderr())).toThrow()
  })

  it('prints the problems of a broken pack per file, field and line, and still registers what loads', async () => {
    const broken = writePack(machine, 'broken', {
      ...action('broken', 'good', 'shell'),
      'actions/unknown.yaml': 'ref: broken.cobol\nrunner_type: cobol\nentry_point: good.sh\n',
      'actions/constraint.yaml': 'ref: broken.constraint\nrunner_type: python\nentry_point: good.sh\nruntime_version: ">=v3"\n'
    })

    const run = await cli('packs', 'add', broken)

    expect(run.code).toBe(0)
    const out = run.stdout()
    expect(out).toContain('  2 problems:\n')
    expect(out).toContain(`    error: ${join(broken, 'actions', 'constraint.yaml')}:4: runtime_version: `)
    expect(out).toContain(`    error: ${join(broken, 'actions', 'unknown.yaml')}:2: runner_type: 'cobol' does not match any runtime`)
    expect(out).toMatch(/broken\.good\s+shell\s+core\.shell/)

    const listed = (await cli('packs', 'list', '--json')).json() as { packs: PackView[] }
    const problems = listed.packs.find((p) => p.ref === 'broken')?.problems ?? []
    expect(problems.map((p) => [p.file, p.field, p.line, p.severity])).toEqual([
      [join(broken, 'actions', 'constraint.yaml'), 'runtime_version', 4, 'error'],
      [join(broken, 'actions', 'unknown.yaml'), 'runner_type', 2, 'error']
    ])
  })

  it('exits 3 and shows the tool’s output when an env cannot be built', async () => {
    writeFileSync(join(demo, 'requirements.txt'), 'FAIL==1\n')

    const run = await cli('packs', 'add', demo)

    expect(run.code).toBe(3)
    const out = run.stdout()
    expect(out).toMatch(/\n {2}python-3\.12\s+failed\s+/)
    expect(out).toContain('  python-3.12: Dependency installation failed (exit 1, stderr_bytes=')
    expect(out).toContain('    | ERROR: Could not find a version that satisfies the requirement FAIL')
    expect(out).toContain(`    full log: ${join(machine.dataHome, 'logs', 'envs', 'demo', 'python-3.12.log')}`)
    expect((await cli('packs', 'list', '--json')).json()).toMatchObject({ packs: [{ ref: 'demo' }] })
  })
})

describe('packs list, reload, remove', () => {
  it('list prints every pack, or how to add one', async () => {
    expect((await cli('packs', 'list')).stdout()).toBe('No packs registered. Add one with: attune-workbench packs add DIR\n')
    expect((await cli('packs', 'list', '--json')).json()).toEqual({ packs: [] })
    await cli('packs', 'add', demo)

    const human = await cli('packs', 'list')
    expect(human.code).toBe(0)
    expect(human.stdout()).toMatch(/^demo 1\.0\.0 — /)
    const doc = (await cli('packs', 'list', '--json')).json() as { packs: PackView[] }
    expect(doc.packs.map((p) => [p.ref, p.dir, p.actions.length])).toEqual([['demo', demo, 2]])
    for (const field of ['ref', 'label', 'description', 'version', 'dir', 'registeredAt', 'loadedAt', 'actions', 'runtimes', 'problems']) expect(doc.packs[0]).toHaveProperty(field)
  })

  it('reload reads the files again and brings the envs in step', async () => {
    await cli('packs', 'add', demo)
    writePackFiles(demo, { ...action('demo', 'hello', 'python', { constraint: '3.13' }), 'requirements.txt': 'fake==2\n' })

    const run = await cli('packs', 'reload', 'demo', '--json')

    expect(run.code).toBe(0)
    const doc = run.json() as { pack: PackView; envs: (EnvView & { action: string })[] }
    expect(doc.pack.actions.find((a) => a.ref === 'demo.hello')?.runtimeVersion).toBe('3.13')
    expect(doc.envs.map((e) => [e.version, e.status, e.action])).toEqual([
      [null, 'ready', 'built'],
      ['3.13', 'ready', 'built']
    ])
    expect(readFileSync(envsDir('demo', 'python-3.13', 'installed.txt'), 'utf8')).toBe('fake==2\n')
    const human = await cli('packs', 'reload', 'demo')
    expect(human.stderr()).toBe('Reloading demo...\n')
    expect(human.stdout()).toMatch(/python-3\.13\s+ready\s+\//)
  })

  it('reload shows why a pack could not be read and keeps its actions', async () => {
    await cli('packs', 'add', demo)
    writePackFiles(demo, { 'pack.yaml': 'label: no ref\n' })

    const run = await cli('packs', 'reload', 'demo')

    expect(run.code).toBe(0)
    expect(run.stdout()).toContain(`  1 problem:\n    error: ${join(demo, 'pack.yaml')}: ref: is required: the pack's name`)
    expect(run.stdout()).toMatch(/demo\.hello\s+python/)
  })

  it('remove deletes the pack’s envs and leaves its folder', async () => {
    await cli('packs', 'add', demo)
    expect(existsSync(envsDir('demo', 'python-3.12'))).toBe(true)

    const human = await cli('packs', 'remove', 'demo')
    expect(human.code).toBe(0)
    expect(human.stdout()).toBe('Removed pack demo and its environments (the pack folder itself is untouched).\n')
    expect(existsSync(envsDir('demo'))).toBe(false)
    expect(existsSync(join(demo, 'pack.yaml'))).toBe(true)

    await cli('packs', 'add', demo)
    expect((await cli('packs', 'remove', 'demo', '--json')).json()).toEqual({ removed: 'demo' })
  })
})

describe('envs list, setup, rebuild', () => {
  it('list gives the env tree data: base env version null, every field present', async () => {
    await cli('packs', 'add', demo)
    const run = await cli('envs', 'list', '--json')
    expect(run.code).toBe(0)
    const { envs } = run.json() as { envs: EnvView[] }
    expect(envs.map((e) => [e.pack, e.runtime, e.version, e.dir, e.status])).toEqual([
      ['demo', 'core.python', null, envsDir('demo', 'python'), 'ready'],
      ['demo', 'core.python', '3.13', envsDir('demo', 'python-3.13'), 'ready'],
      ['demo', 'core.python', '3.12', envsDir('demo', 'python-3.12'), 'ready']
    ])
    for (const e of envs) expectEnvShape(e)

    const human = await cli('envs', 'list', '--pack', 'demo')
    expect(human.stdout()).toMatch(/^demo\n {2}ENV\s+STATUS/)
    expect(human.stdout()).toMatch(/ {2}python-3\.12\s+ready\s+/)
  })

  it('list shows stale and broken envs with the reason', async () => {
    await cli('packs', 'add', demo)
    writeFileSync(join(demo, 'requirements.txt'), 'fake==2\n')
    const run = await cli('envs', 'list')
    expect(run.stdout()).toMatch(/ {2}python-3\.13\s+stale\s+/)
    expect(run.stdout()).toContain('  python-3.13: requirements.txt changed since the env was built')
  })

  it('setup does nothing for ready envs and exits 0; --json gives {envs}', async () => {
    await cli('packs', 'add', demo)
    machine.resetCalls()

    const run = await cli('envs', 'setup', '--json')

    expect(run.code).toBe(0)
    const { envs } = run.json() as { envs: (EnvView & { action: string })[] }
    expect(envs.map((e) => [e.version, e.status, e.action])).toEqual([
      [null, 'ready', 'none'],
      ['3.13', 'ready', 'none'],
      ['3.12', 'ready', 'none']
    ])
    expect(machine.callLog()).toBe('')
  })

  it('setup exits 3 when rebuilding an existing env failed, and says the previous env was kept', async () => {
    await cli('packs', 'add', demo)
    writeFileSync(join(demo, 'requirements.txt'), 'FAIL==2\n')

    const json = await cli('envs', 'setup', '--pack', 'demo', '--json')
    expect(json.code).toBe(3)
    const { envs } = json.json() as { envs: (EnvView & { action: string; logTail: string[] })[] }
    expect(envs.map((e) => [e.status, e.action])).toEqual(Array(3).fill(['stale', 'failed']))
    expect(envs[0]?.logTail.join('\n')).toContain('Could not find a version that satisfies the requirement FAIL')

    const human = await cli('envs', 'setup')
    expect(human.code).toBe(3)
    expect(human.stdout()).toMatch(/ {2}python-3\.12\s+stale \(rebuild failed; previous env kept\)/)
    expect(human.stdout()).toContain('    | ERROR: Could not find a version that satisfies the requirement FAIL')
    expect(readFileSync(envsDir('demo', 'python-3.12', 'installed.txt'), 'utf8')).toBe('fake==1\n')
  })

  it('rebuild rebuilds one env; --json prints that env', async () => {
    await cli('packs', 'add', demo)
    const run = await cli('envs', 'rebuild', 'demo', 'python', '3.12', '--json')
    expect(run.code).toBe(0)
    const doc = run.json() as EnvView & { action: string }
    expectEnvShape(doc)
    expect(doc).toMatchObject({ pack: 'demo', version: '3.12', status: 'ready', action: 'built', dir: envsDir('demo', 'python-3.12') })

    const base = await cli('envs', 'rebuild', 'demo', 'python')
    expect(base.code).toBe(0)
    expect(base.stdout()).toMatch(/ {2}python\s+ready \(built now\)/)
  })

  it('rebuild exits 3 when the build fails, keeping the old env', async () => {
    await cli('packs', 'add', demo)
    writeFileSync(join(demo, 'requirements.txt'), 'FAIL==3\n')
    const run = await cli('envs', 'rebuild', 'demo', 'python', '3.13', '--json')
    expect(run.code).toBe(3)
    expect(run.json()).toMatchObject({ version: '3.13', action: 'failed', error: expect.stringMatching(/^Dependency installation failed/) })
    expect(existsSync(envsDir('demo', 'python-3.13', 'bin', 'python3.13'))).toBe(true)
  })
})

describe('packs and envs exit codes', () => {
  it.each([
    ['an unknown pack to reload', ['packs', 'reload', 'nope'], "unknown pack 'nope' (known packs: none registered)"],
    ['an unknown pack to remove', ['packs', 'remove', 'nope'], "unknown pack 'nope'"],
    ['an unknown pack to list envs of', ['envs', 'list', '--pack', 'nope'], "unknown pack 'nope'"],
    ['an unknown pack to set up', ['envs', 'setup', '--pack', 'nope'], "unknown pack 'nope'"],
    ['an unknown pack to rebuild', ['envs', 'rebuild', 'nope', 'python'], "unknown pack 'nope'"],
    ['a folder that does not exist', ['packs', 'add', '/nonexistent/attune-pack'], 'pack folder /nonexistent/attune-pack does not exist'],
    ['packs add without a folder', ['packs', 'add'], 'usage: attune-workbench packs add DIR'],
    ['packs add with two folders', ['packs', 'add', 'a', 'b'], 'usage: attune-workbench packs add DIR'],
    ['packs list with an argument', ['packs', 'list', 'demo'], 'usage: attune-workbench packs list'],
    ['an unknown packs verb', ['packs', 'frobnicate'], "unknown packs command 'frobnicate' (expected add, list, reload or remove)"],
    ['an unknown envs verb', ['envs', 'frobnicate'], "unknown envs command 'frobnicate' (expected list, setup or rebuild)"],
    ['envs rebuild without a runtime', ['envs', 'rebuild', 'demo'], 'usage: attune-workbench envs rebuild PACK RUNTIME [VERSION]'],
    ['envs list with an argument', ['envs', 'list', 'demo'], 'usage: attune-workbench envs list'],
    ['envs setup with an unknown option', ['envs', 'setup', '--force'], 'unknown option --force']
  ])('exits 2 for %s, with {error:{kind,message}} under --json', async (_name, argv, message) => {
    const json = await cli(...argv, '--json')
    expect(json.code).toBe(2)
    expect(json.json()).toEqual({ error: { kind: 'bad-input', message: expect.stringContaining(message) } })
    const human = await cli(...argv)
    expect(human.code).toBe(2)
    expect(human.stdout()).toBe('')
    expect(human.stderr()).toMatch(/^((Registering|Reloading) .*\n)?error: /)
  })

  it('exits 2 for a folder that is not a pack, naming the missing pack.yaml', async () => {
    const empty = machine.fake.dir('packs/empty')
    const run = await cli('packs', 'add', empty)
    expect(run.code).toBe(2)
    expect(run.stderr()).toContain(`error: ${join(empty, 'pack.yaml')}: does not exist: a pack folder needs a pack.yaml with at least 'ref'`)
  })

  it('exits 2 for a rebuild of a version the pack has no env for', async () => {
    await cli('packs', 'add', demo)
    const run = await cli('envs', 'rebuild', 'demo', 'python', '3.11')
    expect(run.code).toBe(2)
    expect(run.stderr()).toBe("error: pack 'demo' has no python environment for version '3.11' (it has: (base), 3.13, 3.12)\n")
  })
})
