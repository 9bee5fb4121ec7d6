import { chmodSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { linkTools, writePack } from '../../../test-support/env-machine'
import { RuntimeMachine } from '../../../test-support/runtime-machine'
import { createFileLogger } from '../ipc/file-logger'
import { BuildLog } from './envs/build-log'
import { openWorkbench } from './workbench'

/**
 * Issue 9 finding 8: the data home is private. Everything the workbench writes there is 0700 (folders) or
 * 0600 (files), and a home made before (0755, 0644) is tightened when an engine opens it.
 */
let machine: RuntimeMachine

beforeEach(() => {
  machine = RuntimeMachine.create()
  linkTools(machine, ['cat'])
  writePack(machine, 'demo', { 'actions/hi.yaml': 'ref: demo.hi\nrunner_type: shell\nentry_point: hi.sh\n', 'actions/hi.sh': 'echo hi\n' })
})
afterEach(() => machine.dispose())

const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8)

async function runOnce(): Promise<number> {
  const workbench = openWorkbench({ home: machine.dataHome, env: machine.env(['bin']), ...machine.workbenchOptions({ examplePacksDir: null }) })
  try {
    await workbench.lifecycle.register(machine.path('packs/demo'))
    const run = await workbench.executions.run('demo.hi', {})
    expect(run.status).toBe('completed')
    // While the engine holds it, the WAL exists (exclusive locking keeps the WAL index in memory: no -shm).
    expect(modeOf(join(machine.dataHome, 'workbench.db-wal'))).toBe('600')
    expect(modeOf(join(machine.dataHome, 'engine.pid'))).toBe('600')
    return run.id
  } finally {
    workbench.close()
  }
}

describe('the data home', () => {
  it('is created 0700 with its database, run folders and logs private', async () => {
    const id = await runOnce()
    const home = machine.dataHome
    expect(modeOf(home)).toBe('700')
    expect(modeOf(join(home, 'workbench.db'))).toBe('600')
    expect(modeOf(join(home, 'executions'))).toBe('700')
    expect(modeOf(join(home, 'executions', String(id)))).toBe('700')
    for (const file of readdirSync(join(home, 'executions', String(id)))) expect([file, modeOf(join(home, 'executions', String(id), file))]).toEqual([file, '600'])
    expect(modeOf(join(home, 'scratch'))).toBe('700')

    const debug = join(home, 'logs', 'web-host.log')
    createFileLogger(debug, true)('a line')
    expect(modeOf(join(home, 'logs'))).toBe('700')
    expect(modeOf(debug)).toBe('600')
    const build = await BuildLog.open(join(home, 'logs', 'envs', 'demo', 'shell.log'))
    build.line('building')
    await build.close()
    expect(modeOf(join(home, 'logs', 'envs'))).toBe('700')
    expect(modeOf(join(home, 'logs', 'envs', 'demo', 'shell.log'))).toBe('600')
  })

  it('tightens a home made readable by others when an engine opens it, and leaves foreign files alone', async () => {
    const home = machine.dataHome
    mkdirSync(join(home, 'executions'), { recursive: true })
    mkdirSync(join(home, 'logs'))
    writeFileSync(join(home, 'workbench.db'), '')
    writeFileSync(join(home, 'notes.txt'), 'mine')
    for (const dir of [home, join(home, 'executions'), join(home, 'logs')]) chmodSync(dir, 0o755)
    for (const file of ['workbench.db', 'notes.txt']) chmodSync(join(home, file), 0o644)

    await runOnce()
    expect(modeOf(home)).toBe('700')
    expect(modeOf(join(home, 'executions'))).toBe('700')
    expect(modeOf(join(home, 'logs'))).toBe('700')
    expect(modeOf(join(home, 'workbench.db'))).toBe('600')
    expect(modeOf(join(home, 'notes.txt'))).toBe('644')
  })

  it('refuses a scratch folder that is a link to somewhere else, in words', () => {
    const elsewhere = machine.path('elsewhere')
    mkdirSync(elsewhere)
    writeFileSync(join(elsewhere, 'keep.txt'), 'not the workbench\'s')
    mkdirSync(machine.dataHome, { recursive: true })
    symlinkSync(elsewhere, join(machine.dataHome, 'scratch'))
    expect(() => openWorkbench({ home: machine.dataHome, env: machine.env(['bin']), ...machine.workbenchOptions({ examplePacksDir: null }) })).toThrow(/scratch is not a private folder of this user/)
    expect(readdirSync(elsewhere)).toEqual(['keep.txt'])
  })

  it('leaves a shared (sticky) folder given as the home as it is', () => {
    const shared = machine.path('shared-tmp')
    mkdirSync(shared)
    chmodSync(shared, 0o1777)
    openWorkbench({ home: shared, env: machine.env(['bin']), ...machine.workbenchOptions({ examplePacksDir: null }) }).close()
    expect((statSync(shared).mode & 0o7777).toString(8)).toBe('1777')
    expect(modeOf(join(shared, 'workbench.db'))).toBe('600')
  })
})
