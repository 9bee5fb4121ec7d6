import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EngineEvents } from '../events'
import { action, catalogOptions, cheapPython, writePack, writePackFiles } from '../../../../test-support/env-machine'
import { RuntimeMachine } from '../../../../test-support/runtime-machine'
import { WorkbenchError } from '../errors'
import { openWorkbench, type Workbench } from '../workbench'
import { expandHome } from './pack-service'

/** The pack service on a real SQLite home: packs registered where they lie, reloaded, removed. */
let machine: RuntimeMachine
let wb: Workbench
let registered: EngineEvents['pack.registered'][]
let removed: string[]

beforeEach(() => {
  machine = RuntimeMachine.create()
  cheapPython(machine, 'bin/python3.12', '3.12.4')
  machine.fake.symlink('bin/python3', 'python3.12')
  wb = openWorkbench({ home: machine.dataHome, env: machine.env(['bin']), ...catalogOptions(machine) })
  registered = []
  removed = []
  wb.events.on('pack.registered', (event) => registered.push(event))
  wb.events.on('pack.removed', (event) => removed.push(event.pack))
})
afterEach(() => {
  wb.close()
  machine.dispose()
})

/** Every file name under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }) : []
}

function badInputMessage(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbenchError)
    expect((error as WorkbenchError).kind).toBe('bad-input')
    return (error as Error).message
  }
  throw new Error('expected a bad-input error')
}

describe('packs add', () => {
  it('registers the folder in place (its realpath), copies nothing, and emits pack.registered', () => {
    const dir = writePack(machine, 'demo', { ...action('demo', 'hello', 'python', { constraint: '>=3.12' }), ...action('demo', 'script', 'shell') })
    const link = machine.fake.symlink('links/demo', dir)

    const pack = wb.packs.add(link)

    expect(pack).toMatchObject({ ref: 'demo', dir, version: '1.0.0', problems: [], runtimes: [] })
    expect(pack.actions.map((a) => [a.ref, a.runtimeRef, a.runtimeVersion, a.entryPath])).toEqual([
      ['demo.hello', 'core.python', '>=3.12', join(dir, 'actions', 'hello.py')],
      ['demo.script', 'core.shell', null, join(dir, 'actions', 'script.sh')]
    ])
    expect(registered).toEqual([{ pack: 'demo', runtimeNames: ['core.python', 'core.shell'] }])
    expect(filesUnder(machine.dataHome).filter((name) => name.endsWith('.yaml') || name.endsWith('.py'))).toEqual([])
    expect(wb.packs.list().map((p) => [p.ref, p.dir])).toEqual([['demo', dir]])
  })

  it('adding the same folder again reloads it', () => {
    const dir = writePack(machine, 'demo', action('demo', 'hello', 'python'))
    const first = wb.packs.add(dir)
    writePackFiles(dir, action('demo', 'second', 'python'))

    const again = wb.packs.add(dir)

    expect(again.actions.map((a) => a.ref)).toEqual(['demo.hello', 'demo.second'])
    expect(again.registeredAt).toBe(first.registeredAt)
    expect(registered.map((event) => event.pack)).toEqual(['demo', 'demo'])
    expect(wb.packs.list()).toHaveLength(1)
  })

  it('re-adding a registered folder says so; ~ stands for the home folder', async () => {
    const dir = writePack(machine, 'demo', action('demo', 'script', 'shell'))
    const first = await wb.lifecycle.register(dir)
    expect(first.notice).toBeUndefined()
    const again = await wb.lifecycle.register(dir)
    expect(again.notice).toBe(`${dir} is already registered as pack 'demo'; it was reloaded`)

    expect(expandHome('~/packs/demo', '/home/ada')).toBe('/home/ada/packs/demo')
    expect(expandHome('~', '/home/ada')).toBe('/home/ada')
    expect(expandHome('/abs/~/x', '/home/ada')).toBe('/abs/~/x')
    const previousHome = process.env.HOME
    process.env.HOME = join(dir, '..')
    try {
      expect((await wb.lifecycle.register('~/demo')).pack.dir).toBe(dir)
    } finally {
      process.env.HOME = previousHome
    }
  })

  it('refuses another folder with the same ref, naming both folders', () => {
    const first = writePack(machine, 'demo', action('demo', 'hello', 'python'))
    const second = writePack(machine, 'demo', action('demo', 'hello', 'python'), 'demo-copy')
    wb.packs.add(first)

    const message = badInputMessage(() => wb.packs.add(second))

    expect(message).toContain(second)
    expect(message).toContain(first)
    expect(message).toContain('packs remove demo')
    expect(wb.packs.get('demo').dir).toBe(first)
  })

  it('refuses a registered folder whose ref changed, naming the old ref', () => {
    const dir = writePack(machine, 'demo', action('demo', 'hello', 'python'))
    wb.packs.add(dir)
    writePackFiles(dir, { 'pack.yaml': 'ref: renamed\n' })

    expect(badInputMessage(() => wb.packs.add(dir))).toBe(
      `${join(dir, 'pack.yaml')}: ref: this folder is registered as pack 'demo' and its ref is now 'renamed'; remove the old pack first (packs remove demo)`
    )
    expect(wb.packs.list().map((p) => p.ref)).toEqual(['demo'])
  })

  it.each([
    ['a folder that does not exist', (root: string) => join(root, 'nope'), /pack folder .*\/nope does not exist/],
    ['a file', (root: string) => join(root, 'file.txt'), /file\.txt is not a folder/],
    ['a folder without pack.yaml', (root: string) => join(root, 'empty'), /empty\/pack\.yaml: does not exist: a pack folder needs a pack\.yaml/],
    ['a pack.yaml with a syntax error', (root: string) => join(root, 'syntax'), /syntax\/pack\.yaml:3: YAML syntax error: /]
  ])('rejects %s as bad input, in words', (_name, target, message) => {
    const root = machine.path('packs')
    mkdirSync(join(root, 'empty'), { recursive: true })
    writeFileSync(join(root, 'file.txt'), '')
    writePack(machine, 'syntax', { 'pack.yaml': 'ref: syntax\nlabel: [unclosed\n' })

    expect(badInputMessage(() => wb.packs.add(target(root)))).toMatch(message)
    expect(wb.packs.list()).toEqual([])
    expect(registered).toEqual([])
  })
})

describe('packs reload', () => {
  it('picks up edited actions; retired actions disappear', () => {
    const dir = writePack(machine, 'demo', { ...action('demo', 'hello', 'python'), ...action('demo', 'old', 'python') })
    wb.packs.add(dir)
    rmSync(join(dir, 'actions', 'old.yaml'))
    writePackFiles(dir, action('demo', 'hello', 'python', { constraint: '~3.12' }))
    writePackFiles(dir, action('demo', 'new', 'shell'))

    const pack = wb.packs.reload('demo')

    expect(pack.actions.map((a) => [a.ref, a.runtimeVersion])).toEqual([
      ['demo.hello', '~3.12'],
      ['demo.new', null]
    ])
    expect(wb.packs.get('demo').actions.map((a) => a.ref)).toEqual(['demo.hello', 'demo.new'])
    expect(registered).toHaveLength(2)
  })

  it('keeps the last good actions of a pack whose pack.yaml broke, and shows the problem by file and line', () => {
    const dir = writePack(machine, 'demo', action('demo', 'hello', 'python'))
    wb.packs.add(dir)
    writePackFiles(dir, { 'pack.yaml': 'ref: demo\nlabel: [unclosed\n' })

    const pack = wb.packs.reload('demo')

    expect(pack.actions.map((a) => a.ref)).toEqual(['demo.hello'])
    expect(pack.problems).toEqual([{ file: join(dir, 'pack.yaml'), field: null, line: 3, severity: 'error', message: expect.stringMatching(/^YAML syntax error: /) }])
    expect(registered).toHaveLength(1)

    writePackFiles(dir, { 'pack.yaml': 'ref: demo\n' })
    expect(wb.packs.reload('demo').problems).toEqual([])
  })

  it('reports a pack folder deleted while registered, in words; the other packs keep working', () => {
    const gone = writePack(machine, 'gone', action('gone', 'hello', 'python'))
    const kept = writePack(machine, 'kept', action('kept', 'hello', 'python'))
    wb.packs.add(gone)
    wb.packs.add(kept)
    renameSync(gone, machine.path('moved-away'))

    const pack = wb.packs.reload('gone')

    expect(pack.actions.map((a) => a.ref)).toEqual(['gone.hello'])
    expect(pack.problems).toEqual([{ file: gone, field: null, line: null, severity: 'error', message: 'cannot be opened as a pack folder: it does not exist' }])
    writePackFiles(kept, action('kept', 'more', 'shell'))
    expect(wb.packs.reload('kept').actions.map((a) => a.ref)).toEqual(['kept.hello', 'kept.more'])
    expect(wb.packs.list().map((p) => [p.ref, p.problems.length])).toEqual([
      ['gone', 1],
      ['kept', 0]
    ])
  })

  it('reports an unknown pack as bad input listing the known ones', () => {
    wb.packs.add(writePack(machine, 'demo'))
    expect(badInputMessage(() => wb.packs.reload('nope'))).toBe("unknown pack 'nope' (known packs: demo)")
  })
})

describe('packs remove', () => {
  it('deletes {runtime_envs_dir}/{pack}, retires its runtimes, leaves the folder and the other packs', async () => {
    const dir = writePack(machine, 'demo', {
      ...action('demo', 'hello', 'python', { constraint: '3.12' }),
      ...action('demo', 'tool', 'demo.tool'),
      'runtimes/tool.yaml': 'ref: demo.tool\nname: Tool\nexecution_config:\n  interpreter: {binary: /bin/sh}\n'
    })
    const other = writePack(machine, 'other', action('other', 'hello', 'python', { constraint: '3.12' }))
    await wb.runtimes.verify()
    wb.packs.add(dir)
    wb.packs.add(other)
    expect((await wb.envs.setup()).map((e) => [e.pack, e.status])).toEqual([
      ['demo', 'ready'],
      ['demo', 'ready'],
      ['other', 'ready'],
      ['other', 'ready']
    ])
    expect(wb.runtimes.list().map((r) => r.ref)).toContain('demo.tool')

    wb.packs.remove('demo')

    expect(existsSync(join(machine.dataHome, 'runtime_envs', 'demo'))).toBe(false)
    expect(readdirSync(join(machine.dataHome, 'runtime_envs', 'other')).sort()).toEqual(['python', 'python-3.12'])
    expect(wb.runtimes.list().map((r) => r.ref)).not.toContain('demo.tool')
    expect(existsSync(join(dir, 'pack.yaml'))).toBe(true)
    expect(removed).toEqual(['demo'])
    expect(wb.packs.list().map((p) => p.ref)).toEqual(['other'])
    expect(badInputMessage(() => wb.packs.remove('demo'))).toBe("unknown pack 'demo' (known packs: other)")
  })
})

describe('runtimes a pack contributes (spec §1.11)', () => {
  const TOOL_RUNTIME = `ref: demo.tool
name: Tool
aliases: [Tool, toolish]
execution_config:
  interpreter: {binary: /bin/sh, args: [], file_extension: .sh}
versions:
  - version: "1.0"
    execution_config:
      interpreter: {binary: tool1, file_extension: .sh}
`

  it('lists them with origin pack, and the pack’s actions resolve runner_type to them by ref or name', () => {
    const dir = writePack(machine, 'demo', {
      'runtimes/tool.yaml': TOOL_RUNTIME,
      ...action('demo', 'by_ref', 'demo.tool'),
      ...action('demo', 'by_name', 'TOOL'),
      ...action('demo', 'plain', 'python')
    })

    const pack = wb.packs.add(dir)

    expect(pack.runtimes).toEqual(['demo.tool'])
    expect(pack.problems).toEqual([])
    expect(pack.actions.map((a) => [a.name, a.runtimeRef])).toEqual([
      ['by_name', 'demo.tool'],
      ['by_ref', 'demo.tool'],
      ['plain', 'core.python']
    ])
    const tool = wb.runtimes.list().find((r) => r.ref === 'demo.tool')
    expect(tool).toMatchObject({ origin: 'pack', packRef: 'demo', name: 'Tool', aliases: ['tool', 'toolish'], sourceFile: join(dir, 'runtimes', 'tool.yaml') })
    expect(tool?.versions.map((v) => v.version)).toEqual(['1.0'])
    expect(registered).toEqual([{ pack: 'demo', runtimeNames: ['demo.tool', 'core.python'] }])
  })

  it('a runtime file deleted from the pack retires the runtime, and actions naming it are reported', () => {
    const dir = writePack(machine, 'demo', { 'runtimes/tool.yaml': TOOL_RUNTIME, ...action('demo', 'by_ref', 'demo.tool') })
    wb.packs.add(dir)
    rmSync(join(dir, 'runtimes', 'tool.yaml'))

    const pack = wb.packs.reload('demo')

    expect(pack.runtimes).toEqual([])
    expect(wb.runtimes.list().map((r) => r.ref)).not.toContain('demo.tool')
    expect(pack.actions.map((a) => [a.name, a.runtimeRef])).toEqual([['by_ref', null]])
    expect(pack.problems).toEqual([
      expect.objectContaining({ file: join(dir, 'actions', 'by_ref.yaml'), field: 'runner_type', line: 2, message: expect.stringContaining("'demo.tool' does not match any runtime") })
    ])
  })
})
