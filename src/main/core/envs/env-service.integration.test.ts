import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { action, catalogOptions, cheapPython, linkTools, writePack } from '../../../../test-support/env-machine'
import { RuntimeMachine } from '../../../../test-support/runtime-machine'
import { openWorkbench, type Workbench } from '../workbench'
import { DEPS_MARKER_FILE, METADATA_FILE } from './env-layout'

/**
 * The env service on a fake machine with the built-in catalog: Pythons 3.11–3.13 are cheap fakes
 * (real `#!/bin/sh` processes whose "venv" is a copy of themselves), so every planning rule of spec §4.6
 * can be checked through real builds in milliseconds.
 */
let machine: RuntimeMachine
let workbench: Workbench | null
let env: Record<string, string>

beforeEach(() => {
  machine = RuntimeMachine.create()
  cheapPython(machine, 'bin/python3.11', '3.11.9')
  cheapPython(machine, 'bin/python3.12', '3.12.4')
  cheapPython(machine, 'bin/python3.13', '3.13.1')
  machine.fake.symlink('bin/python3', 'python3.11')
  env = machine.env(['bin'])
  workbench = null
})
afterEach(() => {
  workbench?.close()
  machine.dispose()
})

function open(extraEnv: Record<string, string> = {}): Workbench {
  workbench?.close()
  workbench = openWorkbench({ home: machine.dataHome, env: { ...env, ...extraEnv }, ...catalogOptions(machine) })
  return workbench
}

const names = (envs: readonly { dir: string }[]): string[] => envs.map((e) => e.dir.split('/').slice(-2).join('/'))

describe('env setup through the service (spec §4.6)', () => {
  it('builds the base env and one per available version, each with its own interpreter and the deps', async () => {
    const dir = writePack(machine, 'demo', { ...action('demo', 'hello', 'python'), 'requirements.txt': 'fake==1\n' })
    const wb = open()
    await wb.runtimes.verify()
    wb.packs.add(dir)

    const envs = await wb.envs.setup()

    // Base first, then the versions in the repository's order (newest first).
    expect(names(envs)).toEqual(['demo/python', 'demo/python-3.13', 'demo/python-3.12', 'demo/python-3.11'])
    const root = join(machine.dataHome, 'runtime_envs', 'demo')
    expect(envs.map((e) => [e.version, e.status, e.action, e.interpreter, e.error])).toEqual([
      [null, 'ready', 'built', join(root, 'python', 'bin', 'python3'), null],
      ['3.13', 'ready', 'built', join(root, 'python-3.13', 'bin', 'python3.13'), null],
      ['3.12', 'ready', 'built', join(root, 'python-3.12', 'bin', 'python3.12'), null],
      ['3.11', 'ready', 'built', join(root, 'python-3.11', 'bin', 'python3.11'), null]
    ])
    for (const e of envs) {
      expect(readFileSync(join(e.dir, 'installed.txt'), 'utf8')).toBe('fake==1\n')
      expect(e.depsHash).toBe(readFileSync(join(e.dir, DEPS_MARKER_FILE), 'utf8'))
      expect(e.sizeBytes).toBeGreaterThan(0)
      expect(e.builtAt).toEqual(expect.any(String))
    }
    // Each version env was created by its own interpreter (the venv's home is where that fake lives).
    expect(readFileSync(join(root, 'python-3.13', 'bin', 'python3.13'), 'utf8')).toContain('Python 3.13.1')
    expect(readFileSync(join(root, 'python', 'bin', 'python3'), 'utf8')).toContain('Python 3.11.9')
  })

  it('puts envs under ATTUNE_RUNTIME_ENVS_DIR when it is set', async () => {
    const dir = writePack(machine, 'demo', action('demo', 'hello', 'python', { constraint: '3.12' }))
    const envsDir = machine.path('elsewhere/envs')
    const wb = open({ ATTUNE_RUNTIME_ENVS_DIR: envsDir })
    await wb.runtimes.verify()
    wb.packs.add(dir)

    const envs = await wb.envs.setup('demo')

    expect(envs.map((e) => [e.dir, e.status])).toEqual([
      [join(envsDir, 'demo', 'python'), 'ready'],
      [join(envsDir, 'demo', 'python-3.12'), 'ready']
    ])
    expect(existsSync(join(machine.dataHome, 'runtime_envs'))).toBe(false)
  })

  it('builds envs only for versions that qualify, are available and enabled', async () => {
    rmSync(machine.path('bin/python3.13'))
    const dir = writePack(machine, 'demo', { ...action('demo', 'new', 'python', { constraint: '>=3.12' }), ...action('demo', 'old', 'python', { constraint: '~3.11' }) })
    const wb = open()
    await wb.runtimes.verify()
    wb.runtimes.setEnabled('python', '3.11', false)
    wb.packs.add(dir)

    expect(names(await wb.envs.setup())).toEqual(['demo/python', 'demo/python-3.12'])
    expect(readdirSync(join(machine.dataHome, 'runtime_envs', 'demo')).sort()).toEqual(['python', 'python-3.12'])
  })

  it('gives a shell pack no envs at all', async () => {
    const dir = writePack(machine, 'scripts', { ...action('scripts', 'hello', 'shell'), 'requirements.txt': 'fake==1\n' })
    const wb = open()
    await wb.runtimes.verify()
    wb.packs.add(dir)

    expect(await wb.envs.setup()).toEqual([])
    expect(await wb.envs.list()).toEqual([])
    expect(existsSync(join(machine.dataHome, 'runtime_envs'))).toBe(false)
  })

  it('names Node.js envs node.js and node.js-<major>', async () => {
    linkTools(machine, ['sh', 'mkdir', 'cp'])
    machine.node('bin/node', '20.11.1')
    machine.script('bin/npm', 'for arg; do dir=$arg; done\nmkdir -p "$dir/node_modules/dep" && echo installed', 'npm')
    const dir = writePack(machine, 'web', { ...action('web', 'hello', 'node'), 'package.json': '{"dependencies": {"dep": "1.0.0"}}\n' })
    const wb = open()
    await wb.runtimes.verify()
    wb.packs.add(dir)

    const envs = await wb.envs.setup()

    expect(envs.map((e) => [e.dir, e.version, e.status, e.interpreter])).toEqual([
      [join(machine.dataHome, 'runtime_envs', 'web', 'node.js'), null, 'ready', machine.path('bin/node')],
      [join(machine.dataHome, 'runtime_envs', 'web', 'node.js-20'), '20', 'ready', machine.path('bin/node')]
    ])
    for (const e of envs) expect(existsSync(join(e.dir, 'node_modules', 'dep'))).toBe(true)
  })

  it('runs nothing for a pack whose folder is gone and says so; the other packs still build', async () => {
    const gone = writePack(machine, 'gone', { ...action('gone', 'hello', 'python', { constraint: '3.12' }), 'requirements.txt': 'fake==1\n' })
    const kept = writePack(machine, 'kept', action('kept', 'hello', 'python', { constraint: '3.12' }))
    const wb = open()
    await wb.runtimes.verify()
    wb.packs.add(gone)
    wb.packs.add(kept)
    rmSync(gone, { recursive: true })

    const envs = await wb.envs.setup()

    expect(envs.map((e) => [e.pack, e.version, e.status, e.action])).toEqual([
      ['gone', null, 'missing', 'failed'],
      ['gone', '3.12', 'missing', 'failed'],
      ['kept', null, 'ready', 'built'],
      ['kept', '3.12', 'ready', 'built']
    ])
    expect(envs[0]?.error).toBe(`the pack folder ${gone} does not exist (moved or deleted?), so this env was not set up; add the pack again from where it is now, or remove it`)
    expect(existsSync(join(machine.dataHome, 'runtime_envs', 'gone'))).toBe(false)
    expect(existsSync(join(machine.dataHome, 'logs', 'envs', 'gone'))).toBe(false)
    await expect(wb.envs.rebuild('gone', 'python', '3.12')).resolves.toMatchObject({ action: 'failed', error: expect.stringContaining('does not exist') })
  })

  it('reports env.changed and env.progress events while building', async () => {
    const dir = writePack(machine, 'demo', action('demo', 'hello', 'python', { constraint: '3.13' }))
    const wb = open()
    await wb.runtimes.verify()
    wb.packs.add(dir)
    const changes: string[] = []
    const lines: string[] = []
    wb.events.on('env.changed', (event) => changes.push(`${event.pack} ${event.version ?? 'base'} ${event.status}`))
    wb.events.on('env.progress', (event) => lines.push(`${event.version ?? 'base'}: ${event.line}`))

    await wb.envs.setup()

    expect(changes.sort()).toEqual(['demo 3.13 building', 'demo 3.13 ready', 'demo base building', 'demo base ready'])
    expect(lines).toContain(`3.13: created ${join(machine.dataHome, 'runtime_envs', 'demo', 'python-3.13')}`)
  })

  it('reports env.changed for an env a run builds lazily, whichever pack was planned last', async () => {
    const demo = writePack(machine, 'demo', action('demo', 'hello', 'python', { constraint: '3.12' }))
    const other = writePack(machine, 'other', action('other', 'hello', 'python', { constraint: '3.13' }))
    const wb = open()
    await wb.runtimes.verify()
    wb.packs.add(demo)
    wb.packs.add(other)
    await wb.envs.list('other')
    const changes: string[] = []
    wb.events.on('env.changed', (event) => changes.push(`${event.pack} ${event.version ?? 'base'} ${event.status}`))

    const run = await wb.executions.run('demo.hello', {})
    await wb.executions.wait(run.id)

    expect(changes).toEqual(['demo 3.12 building', 'demo 3.12 ready'])
  })
})

describe('the state of built envs', () => {
  async function built(): Promise<{ wb: Workbench; dir: string }> {
    const dir = writePack(machine, 'demo', { ...action('demo', 'hello', 'python', { constraint: '>=3.12' }), 'requirements.txt': 'fake==1\n' })
    const wb = open()
    await wb.runtimes.verify()
    wb.packs.add(dir)
    expect((await wb.envs.setup()).map((e) => e.status)).toEqual(['ready', 'ready', 'ready'])
    return { wb, dir }
  }

  it('a second setup runs no process and leaves every build record as it was', async () => {
    const { wb } = await built()
    const records = (await wb.envs.list()).map((e) => readFileSync(join(e.dir, METADATA_FILE), 'utf8'))
    machine.resetCalls()

    const again = await wb.envs.setup()

    expect(again.map((e) => [e.status, e.action])).toEqual([['ready', 'none'], ['ready', 'none'], ['ready', 'none']])
    expect(machine.callLog()).toBe('')
    expect(again.map((e) => readFileSync(join(e.dir, METADATA_FILE), 'utf8'))).toEqual(records)
  })

  it('a changed manifest makes every env stale; setup reinstalls into the same envs', async () => {
    const { wb, dir } = await built()
    writeFileSync(join(dir, 'requirements.txt'), 'fake==2\n')

    const listed = await wb.envs.list()
    expect(listed.map((e) => [e.status, e.statusReason])).toEqual(Array(3).fill(['stale', 'requirements.txt changed since the env was built']))

    const rebuilt = await wb.envs.setup()
    expect(rebuilt.map((e) => [e.status, e.action])).toEqual(Array(3).fill(['ready', 'built']))
    for (const e of rebuilt) expect(readFileSync(join(e.dir, 'installed.txt'), 'utf8')).toBe('fake==2\n')
  })

  it('an env whose interpreter was deleted is broken; setup repairs it and leaves the others alone', async () => {
    const { wb } = await built()
    const env312 = join(machine.dataHome, 'runtime_envs', 'demo', 'python-3.12')
    rmSync(join(env312, 'bin', 'python3.12'))
    const untouched = statSync(join(machine.dataHome, 'runtime_envs', 'demo', 'python-3.13', METADATA_FILE)).mtimeMs

    expect((await wb.envs.list()).map((e) => e.status)).toEqual(['ready', 'ready', 'broken'])
    const repaired = await wb.envs.setup()

    expect(repaired.map((e) => [e.status, e.action])).toEqual([['ready', 'none'], ['ready', 'none'], ['ready', 'built']])
    expect(existsSync(join(env312, 'bin', 'python3.12'))).toBe(true)
    expect(statSync(join(machine.dataHome, 'runtime_envs', 'demo', 'python-3.13', METADATA_FILE)).mtimeMs).toBe(untouched)
  })

  it('a failing install keeps the previous envs, reports pip’s output, and fixing the manifest recovers', async () => {
    const { wb, dir } = await built()
    writeFileSync(join(dir, 'requirements.txt'), 'FAIL==1\n')

    const failed = await wb.envs.setup()

    expect(failed.map((e) => [e.status, e.action])).toEqual(Array(3).fill(['stale', 'failed']))
    for (const e of failed) {
      expect(e.error).toMatch(/^Dependency installation failed \(exit 1, stderr_bytes=\d+\)$/)
      expect(e.logTail.join('\n')).toContain('Could not find a version that satisfies the requirement FAIL')
      expect(readFileSync(join(e.dir, 'installed.txt'), 'utf8')).toBe('fake==1\n')
    }
    expect((await wb.envs.list()).map((e) => [e.status, e.error !== null])).toEqual(Array(3).fill(['stale', true]))

    writeFileSync(join(dir, 'requirements.txt'), 'fake==3\n')
    const fixed = await wb.envs.setup()
    expect(fixed.map((e) => [e.status, e.error])).toEqual(Array(3).fill(['ready', null]))
  })

  it('rebuild recreates one env by runtime name, alias or ref; unknown ones are bad input naming what exists', async () => {
    const { wb } = await built()
    const before = readFileSync(join(machine.dataHome, 'runtime_envs', 'demo', 'python-3.12', METADATA_FILE), 'utf8')

    const rebuilt = await wb.envs.rebuild('demo', 'python3', '3.12')
    expect(rebuilt).toMatchObject({ version: '3.12', status: 'ready', action: 'built' })
    expect(readFileSync(join(rebuilt.dir, METADATA_FILE), 'utf8')).not.toBe(before)
    expect(await wb.envs.rebuild('demo', 'core.python', null)).toMatchObject({ version: null, status: 'ready', action: 'built' })

    await expect(wb.envs.rebuild('demo', 'python', '3.11')).rejects.toThrow("pack 'demo' has no python environment for version '3.11' (it has: (base), 3.13, 3.12)")
    await expect(wb.envs.rebuild('demo', 'node', null)).rejects.toThrow("pack 'demo' has no environments for runtime 'node' (its runtimes with envs: python)")
    await expect(wb.envs.rebuild('nope', 'python', null)).rejects.toThrow("unknown pack 'nope' (known packs: demo)")
  })

  it('a version disabled after its env was built gets no env for a new pack; the old env is left alone', async () => {
    const { wb } = await built()
    wb.runtimes.setEnabled('python', '3.13', false)
    const other = writePack(machine, 'other', action('other', 'hello', 'python'))
    wb.packs.add(other)

    const envs = await wb.envs.setup()

    expect(names(envs)).toEqual(['demo/python', 'demo/python-3.12', 'other/python', 'other/python-3.12', 'other/python-3.11'])
    expect(existsSync(join(machine.dataHome, 'runtime_envs', 'other', 'python-3.13'))).toBe(false)
    expect(existsSync(join(machine.dataHome, 'runtime_envs', 'demo', 'python-3.13'))).toBe(true)
  })
})
