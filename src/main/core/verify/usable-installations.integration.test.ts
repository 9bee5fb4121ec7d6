import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RuntimeView } from '../../../shared/domain/runtime'
import { RuntimeMachine } from '../../../../test-support/runtime-machine'
import { openWorkbench, type Workbench } from '../workbench'

let machine: RuntimeMachine
let workbench: Workbench | null = null

beforeEach(() => {
  machine = RuntimeMachine.create()
})
afterEach(() => {
  workbench?.close()
  workbench = null
  machine.dispose()
})

function openOn(env: Record<string, string>): Workbench {
  workbench = openWorkbench({ home: machine.dataHome, env, ...machine.workbenchOptions() })
  return workbench
}

const row = (runtimes: readonly RuntimeView[], ref: string, version: string) =>
  runtimes.find((runtime) => runtime.ref === ref)?.versions.find((v) => v.version === version)

describe('verification probes only the installations a catalog row could use', () => {
  it('leaves a python2.7 and a python3.9 unprobed when the catalog has no 2.x or 3.9 row (3.11–3.13 here)', async () => {
    machine.python('bin/python2.7', '2.7.18')
    machine.python('bin/python3.9', '3.9.18')
    machine.pyenvPython('3.9.1')
    machine.pyenvPython('3.12.4')
    const { runtimes } = await openOn(machine.env(['bin'])).runtimes.verify()
    expect(machine.calls('bin/python2.7')).toBe(0)
    expect(machine.calls('bin/python3.9')).toBe(0)
    expect(machine.calls('home/.pyenv/versions/3.9.1/bin/python3.9')).toBe(0)
    // The usable one is still found and stands in for python3.12, which is not on PATH.
    expect(machine.calls('home/.pyenv/versions/3.12.4/bin/python3.12')).toBe(1)
    expect(row(runtimes, 'core.python', '3.12')).toMatchObject({ available: true, source: 'pyenv', interpreter: machine.path('home/.pyenv/versions/3.12.4/bin/python3.12') })
    expect(row(runtimes, 'core.python', '3.11')).toMatchObject({ available: false })
  })

  it('probes an installation whose name pins nothing (python3) and uses what it reports', async () => {
    machine.python('opt/py/bin/python3', '3.13.1')
    const { runtimes } = await openOn(machine.env(['opt/py/bin'])).runtimes.verify()
    expect(machine.calls('opt/py/bin/python3')).toBeGreaterThan(0)
    expect(row(runtimes, 'core.python', '3.13')).toMatchObject({ available: true, interpreter: machine.path('opt/py/bin/python3') })
  })

  it('probes a version-named link whose target a row can use (python3.9 → python3.12)', async () => {
    machine.python('opt/py/bin/python3.12', '3.12.2')
    machine.fake.symlink('bin/python3.9', '../opt/py/bin/python3.12')
    const { runtimes } = await openOn(machine.env(['bin'])).runtimes.verify()
    expect(row(runtimes, 'core.python', '3.12')).toMatchObject({ available: true, interpreter: machine.path('bin/python3.9') })
  })

  it('runs no discovery at all when every row finds its own command on PATH', async () => {
    for (const version of ['3.11', '3.12', '3.13']) machine.python(`bin/python${version}`, `${version}.0`)
    for (const major of ['18', '20', '22']) machine.node(`bin/node${major}`, `${major}.1.0`)
    machine.python('bin/python2.7', '2.7.18')
    machine.python('bin/python3', '3.12.0')
    await openOn(machine.env(['bin'])).runtimes.verify()
    expect(machine.calls('bin/python2.7')).toBe(0)
    // python3 is the runtime-level command of core.python; it runs for that, never as a discovery probe too.
    expect(machine.calls('bin/python3')).toBeLessThanOrEqual(1)
  })
})
