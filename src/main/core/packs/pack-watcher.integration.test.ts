import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { action, catalogOptions, cheapPython, writePack, writePackFiles } from '../../../../test-support/env-machine'
import { RuntimeMachine } from '../../../../test-support/runtime-machine'
import type { EngineEvents, EventBus } from '../events'
import { openWorkbench, type Workbench } from '../workbench'
import { PackWatcher } from './pack-watcher'

/** Resolves with the first event `name` that satisfies `accept`; fails after `timeoutMs` instead of hanging. */
function nextEvent<K extends keyof EngineEvents>(bus: EventBus, name: K, accept: (payload: EngineEvents[K]) => boolean = () => true, timeoutMs = 10_000): Promise<EngineEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off()
      reject(new Error(`no ${name} event within ${timeoutMs} ms`))
    }, timeoutMs)
    const off = bus.on(name, (payload) => {
      if (!accept(payload)) return
      clearTimeout(timer)
      off()
      resolve(payload)
    })
  })
}

let machine: RuntimeMachine
beforeEach(() => {
  machine = RuntimeMachine.create()
})
afterEach(() => machine.dispose())

describe('PackWatcher', () => {
  const DEBOUNCE_MS = 40
  let watcher: PackWatcher
  let changes: string[]
  let waiters: { ref: string; resolve: () => void }[]

  beforeEach(() => {
    changes = []
    waiters = []
    watcher = new PackWatcher((ref) => {
      changes.push(ref)
      for (const waiter of waiters.filter((w) => w.ref === ref)) waiter.resolve()
      waiters = waiters.filter((w) => w.ref !== ref)
    }, DEBOUNCE_MS)
  })
  afterEach(() => watcher.dispose())

  /** The next reload of `ref`, or a failure after 5 s. */
  function reloadOf(ref: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reload of ${ref} within 5 s`)), 5000)
      waiters.push({ ref, resolve: () => (clearTimeout(timer), resolve()) })
    })
  }

  it('reloads once for a burst of edits to actions/*.yaml', async () => {
    const dir = writePack(machine, 'demo', action('demo', 'hello', 'python'))
    watcher.sync([{ ref: 'demo', dir }])
    const reloaded = reloadOf('demo')

    for (let i = 0; i < 5; i++) writePackFiles(dir, { 'actions/hello.yaml': `ref: demo.hello\nrunner_type: python\nentry_point: hello.py\n# edit ${i}\n` })
    await reloaded

    expect(changes).toEqual(['demo'])
  })

  it('reloads when requirements.txt, package.json, pack.yaml or runtimes/*.yaml change', async () => {
    const dir = writePack(machine, 'demo', { 'runtimes/tool.yaml': 'ref: demo.tool\n' })
    watcher.sync([{ ref: 'demo', dir }])
    for (const file of ['requirements.txt', 'package.json', 'pack.yaml', 'runtimes/tool.yaml']) {
      const reloaded = reloadOf('demo')
      writeFileSync(join(dir, file), `${file} edited\n`)
      await reloaded
    }
    expect(changes).toEqual(['demo', 'demo', 'demo', 'demo'])
  })

  it('watches an actions/ folder created after the pack was registered', async () => {
    const dir = writePack(machine, 'demo')
    watcher.sync([{ ref: 'demo', dir }])
    const created = reloadOf('demo')
    mkdirSync(join(dir, 'actions'))
    await created

    const edited = reloadOf('demo')
    writePackFiles(dir, action('demo', 'hello', 'python'))
    await edited
    expect(changes.length).toBeGreaterThanOrEqual(2)
  })

  it('ignores other files, and packs it no longer watches', async () => {
    const quiet = writePack(machine, 'quiet', action('quiet', 'hello', 'python'))
    const gone = writePack(machine, 'gone', action('gone', 'hello', 'python'))
    const busy = writePack(machine, 'busy', action('busy', 'hello', 'python'))
    watcher.sync([
      { ref: 'quiet', dir: quiet },
      { ref: 'gone', dir: gone },
      { ref: 'busy', dir: busy }
    ])
    watcher.sync([
      { ref: 'quiet', dir: quiet },
      { ref: 'busy', dir: busy }
    ])
    const reloaded = reloadOf('busy')

    writePackFiles(quiet, { 'actions/hello.py': 'print("edited")\n', 'lib/helper.py': '', 'README.md': 'x' })
    writePackFiles(gone, { 'actions/hello.yaml': 'ref: gone.hello\n' })
    writePackFiles(busy, { 'actions/hello.yaml': 'ref: busy.hello\n' })
    await reloaded
    // The quiet and gone edits were made first; their (unwanted) reloads would have fired by now.
    await new Promise((resolve) => setTimeout(resolve, 3 * DEBOUNCE_MS))

    expect(changes).toEqual(['busy'])
  })
})

describe('PackLifecycle: the watcher reloads registered packs', () => {
  let wb: Workbench

  beforeEach(() => {
    cheapPython(machine, 'bin/python3.12', '3.12.4')
    machine.fake.symlink('bin/python3', 'python3.12')
    wb = openWorkbench({ home: machine.dataHome, env: machine.env(['bin']), ...catalogOptions(machine) })
  })
  afterEach(() => wb.close())

  it('an edited action YAML reloads the pack; an edited requirements.txt brings its envs in step', async () => {
    const dir = writePack(machine, 'demo', { ...action('demo', 'hello', 'python', { constraint: '3.12' }), 'requirements.txt': 'fake==1\n' })
    await wb.lifecycle.start()
    const registration = await wb.lifecycle.register(dir)
    expect(registration.envs.map((e) => [e.version, e.status])).toEqual([
      [null, 'ready'],
      ['3.12', 'ready']
    ])

    const reloaded = nextEvent(wb.events, 'pack.registered')
    writePackFiles(dir, action('demo', 'added', 'shell'))
    await reloaded
    expect(wb.packs.get('demo').actions.map((a) => a.ref)).toEqual(['demo.added', 'demo.hello'])

    const rebuilt = nextEvent(wb.events, 'env.changed', (event) => event.version === '3.12' && event.status === 'ready')
    writeFileSync(join(dir, 'requirements.txt'), 'fake==2\n')
    await rebuilt
    const env312 = join(machine.dataHome, 'runtime_envs', 'demo', 'python-3.12')
    expect(readFileSync(join(env312, 'installed.txt'), 'utf8')).toBe('fake==2\n')
  })

  it('stops watching the folder of a removed pack, and watches the folder a pack is registered from again', async () => {
    const first = writePack(machine, 'demo', action('demo', 'hello', 'shell'), 'first')
    const second = writePack(machine, 'demo', action('demo', 'hello', 'shell'), 'second')
    const other = writePack(machine, 'other', action('other', 'hello', 'shell'))
    await wb.lifecycle.start()
    await wb.lifecycle.register(first)
    await wb.lifecycle.register(other)
    wb.lifecycle.remove('demo')
    await wb.lifecycle.register(second)
    const seen: string[] = []
    wb.events.on('pack.registered', (event) => seen.push(event.pack))

    const reloaded = nextEvent(wb.events, 'pack.registered', (event) => event.pack === 'other')
    writePackFiles(first, action('demo', 'more', 'shell'))
    writePackFiles(other, action('other', 'more', 'shell'))
    await reloaded
    expect(seen).toEqual(['other'])

    const demoReloaded = nextEvent(wb.events, 'pack.registered', (event) => event.pack === 'demo')
    writePackFiles(second, action('demo', 'more', 'shell'))
    await demoReloaded
    expect(wb.packs.get('demo')).toMatchObject({ dir: second })
    expect(wb.packs.get('demo').actions.map((a) => a.ref)).toEqual(['demo.hello', 'demo.more'])
  })
})
