import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RuntimeMachine } from '../../../../test-support/runtime-machine'
import { WorkbenchError } from '../errors'
import { parseConstraint } from '../versions'
import { openWorkbench, type Workbench } from '../workbench'

let machine: RuntimeMachine
let workbench: Workbench

beforeEach(() => {
  machine = RuntimeMachine.create()
  machine.python('bin/python3.11', '3.11.9')
  machine.python('bin/python3.12', '3.12.4')
  machine.python('bin/python3.13', '3.13.2')
  machine.node('bin/node', '20.11.1')
  workbench = openWorkbench({ home: machine.dataHome, env: machine.env(['bin']), ...machine.workbenchOptions() })
})
afterEach(() => {
  workbench.close()
  machine.dispose()
})

function constraintError(text: string): string {
  try {
    parseConstraint(text)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error(`${text} parsed`)
}

describe('RuntimeService.resolve on the machine', () => {
  it('selects the highest available version matching the constraint, verifying first on a fresh home', async () => {
    const resolution = await workbench.runtimes.resolve('python', { constraint: '>=3.12' })
    expect(resolution).toMatchObject({ runtime: 'core.python', constraint: '>=3.12', normalized: '>=3.12.0', valid: true, error: null, selected: '3.13', fallback: null })
    expect(resolution.candidates.map((c) => [c.version, c.available, c.matches, c.selected])).toEqual([
      ['3.13', true, true, true],
      ['3.12', true, true, false],
      ['3.11', true, false, false]
    ])
  })

  it('skips a version the user disabled, and keeps skipping it after verification', async () => {
    workbench.runtimes.setEnabled('python', '3.13', false)
    const before = await workbench.runtimes.resolve('python', { constraint: '>=3.12' })
    expect(before.selected).toBe('3.12')
    expect(before.candidates.find((c) => c.version === '3.13')).toMatchObject({ enabled: false, available: true, reason: 'disabled by the user' })
    await workbench.runtimes.verify()
    expect((await workbench.runtimes.resolve('python', { constraint: '>=3.12' })).selected).toBe('3.12')
    workbench.runtimes.setEnabled('python', '3.13', true)
    expect((await workbench.runtimes.resolve('python', { constraint: '>=3.12' })).selected).toBe('3.13')
  })

  it('uses the default version without a constraint, and an unavailable one is passed over', async () => {
    expect((await workbench.runtimes.resolve('python')).selected).toBe('3.12')
    const node = await workbench.runtimes.resolve('node', { constraint: '>=18' })
    expect(node.selected).toBe('20')
    expect(node.candidates.find((c) => c.version === '22')?.reason).toMatch(/^unavailable: .*node22/)
  })

  it('reports an invalid constraint as valid:false with the grammar’s message and no selection', async () => {
    const resolution = await workbench.runtimes.resolve('python', { constraint: '>=v3.12' })
    expect(resolution).toMatchObject({ valid: false, error: constraintError('>=v3.12'), normalized: null, selected: null, fallback: 'base' })
    expect(resolution.error).toContain("'>=v3.12'")
  })

  it('falls back to the base config for a runtime without versions', async () => {
    const resolution = await workbench.runtimes.resolve('shell')
    expect(resolution).toMatchObject({ runtime: 'core.shell', selected: null, fallback: 'base', candidates: [] })
    expect(resolution.decision).toContain('no registered versions')
  })
})

describe('RuntimeService.resolve with a candidate list', () => {
  it('applies the worker’s padding: <=3.12 selects 3.12.0, not 3.12.1', async () => {
    const resolution = await workbench.runtimes.resolve('python', { constraint: '<=3.12', candidates: '3.12.0,3.12.1' })
    expect(resolution.selected).toBe('3.12.0')
    expect(resolution.candidates.find((c) => c.version === '3.12.1')?.matches).toBe(false)
  })

  it('selects the * default without a constraint, and nothing (fallback base) when ! leaves no match', async () => {
    expect(await workbench.runtimes.resolve('python', { candidates: '3.11,3.12*,3.13!' })).toMatchObject({ selected: '3.12', fallback: null })
    const none = await workbench.runtimes.resolve('python', { constraint: '>=3.13', candidates: '3.11,3.12*,3.13!' })
    expect(none).toMatchObject({ selected: null, fallback: 'base' })
    expect(none.candidates.find((c) => c.version === '3.13')).toMatchObject({ available: false, matches: true, reason: "unavailable: marked '!' in --candidates" })
  })

  it('breaks ties in repository order: 3.12.0 comes before 3.12', async () => {
    expect((await workbench.runtimes.resolve('python', { constraint: '3.12', candidates: '3.12,3.12.0' })).selected).toBe('3.12.0')
  })

  it('does not touch the machine', async () => {
    await workbench.runtimes.resolve('python', { candidates: '3.11,3.12*' })
    expect(machine.totalCalls()).toBe(0)
    expect(workbench.runtimes.list().flatMap((runtime) => runtime.versions).every((row) => row.verifiedAt === null)).toBe(true)
  })
})

describe('RuntimeService lookup and toggles', () => {
  it.each([
    ['core.python', 'core.python'],
    ['python', 'core.python'],
    ['python3', 'core.python'],
    ['Python', 'core.python'],
    ['node', 'core.nodejs'],
    ['Node.js', 'core.nodejs'],
    ['nodejs', 'core.nodejs'],
    ['core.nodejs', 'core.nodejs'],
    ['bash', 'core.shell']
  ])('finds %j as %s', (name, ref) => {
    expect(workbench.runtimes.find(name).ref).toBe(ref)
  })

  it('refuses an unknown runtime as bad input naming the value', async () => {
    expect(() => workbench.runtimes.find('cobol')).toThrow(WorkbenchError)
    await expect(workbench.runtimes.resolve('cobol')).rejects.toMatchObject({ kind: 'bad-input', message: expect.stringContaining("'cobol'") })
    await expect(workbench.runtimes.verify('cobol')).rejects.toMatchObject({ kind: 'bad-input' })
    expect(() => workbench.runtimes.setEnabled('cobol', '1', false)).toThrow(/unknown runtime 'cobol'/)
  })

  it('refuses an unknown version, listing the known ones', () => {
    expect(() => workbench.runtimes.setEnabled('python', '3.9', false)).toThrow(/Python has no version '3\.9' \(known versions: 3\.13, 3\.12, 3\.11\)/)
  })

  it('persists the toggle and emits runtime.changed', () => {
    const changes: unknown[] = []
    workbench.events.on('runtime.changed', (payload) => changes.push(payload))
    const view = workbench.runtimes.setEnabled('Node.js', '22', false)
    expect(view).toMatchObject({ runtime: 'core.nodejs', version: '22', enabled: false })
    expect(changes).toEqual([{ runtime: 'core.nodejs', version: '22' }])
    workbench.close()
    workbench = openWorkbench({ home: machine.dataHome, env: machine.env(['bin']), ...machine.workbenchOptions() })
    const node22 = workbench.runtimes.list().find((runtime) => runtime.ref === 'core.nodejs')?.versions.find((row) => row.version === '22')
    expect(node22?.enabled).toBe(false)
  })
})
