import { linkSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RuntimeVersionView, RuntimeView } from '../../../shared/domain/runtime'
import { RuntimeMachine } from '../../../../test-support/runtime-machine'
import { openWorkbench, type Workbench, type WorkbenchOptions } from '../workbench'
import { DEFAULT_PROBE_TIMEOUT_MS } from './probe-check'

let machine: RuntimeMachine
const open: Workbench[] = []

beforeEach(() => {
  machine = RuntimeMachine.create()
})
afterEach(() => {
  for (const workbench of open.splice(0)) workbench.close()
  machine.dispose()
})

function openOn(env: Record<string, string>, extra: Partial<WorkbenchOptions> = {}): Workbench {
  const workbench = openWorkbench({ home: machine.dataHome, env, ...machine.workbenchOptions(), ...extra })
  open.push(workbench)
  return workbench
}

function closeAll(): void {
  for (const workbench of open.splice(0)) workbench.close()
}

function versionOf(runtimes: readonly RuntimeView[], ref: string, version: string): RuntimeVersionView {
  const found = runtimes.find((runtime) => runtime.ref === ref)?.versions.find((row) => row.version === version)
  if (!found) throw new Error(`${ref} ${version} is not listed`)
  return found
}

/** A developer machine: 3.11 on PATH, 3.12 and 3.13 in pyenv, Node 20 and 22 in nvm, pyenv shims first on PATH. */
function developerMachine(extra: Record<string, string> = {}): Record<string, string> {
  machine.python('bin/python3.11', '3.11.9')
  machine.fake.symlink('bin/python3', 'python3.11')
  machine.pyenvShims(['python3.12', 'python3.13', 'python3', 'python'])
  machine.pyenvPython('3.12.4')
  machine.pyenvPython('3.13.2')
  machine.nvmNode('20.11.1')
  machine.nvmNode('22.3.0')
  return machine.env(['home/.pyenv/shims', 'bin'], extra)
}

describe('RuntimeVerifier through the workbench', () => {
  it('verifies every version against the machine and records interpreter and source', async () => {
    const workbench = openOn(developerMachine())
    const { summary, runtimes } = await workbench.runtimes.verify()
    expect(summary).toEqual({ checked: 6, available: 5, unavailable: 1, skipped: 0 })
    expect(versionOf(runtimes, 'core.python', '3.11')).toMatchObject({ available: true, source: 'path', interpreter: machine.path('bin/python3.11') })
    expect(versionOf(runtimes, 'core.python', '3.12')).toMatchObject({
      available: true,
      source: 'pyenv',
      interpreter: machine.path('home/.pyenv/versions/3.12.4/bin/python3.12')
    })
    expect(versionOf(runtimes, 'core.python', '3.13').source).toBe('pyenv')
    expect(versionOf(runtimes, 'core.nodejs', '20')).toMatchObject({
      available: true,
      source: 'nvm',
      interpreter: machine.path('home/.nvm/versions/node/v20.11.1/bin/node'),
      verification: { command: `${machine.path('home/.nvm/versions/node/v20.11.1/bin/node')} --version`, exitCode: 0, matched: true, output: 'v20.11.1' }
    })
    const node18 = versionOf(runtimes, 'core.nodejs', '18')
    expect(node18).toMatchObject({ available: false, interpreter: null })
    expect(node18.reason).toContain('no Node.js 18 installation was found')
    for (const runtime of runtimes) for (const row of runtime.versions) expect(row.verifiedAt).not.toBeNull()
    expect(machine.callLog()).not.toContain('shim:')
  })

  it('runs each interpreter file once per verification, however many paths reach it (hard link, linked folder)', async () => {
    const python = machine.fake.executable('bin/python3.12', { stdout: 'Python 3.12.4', sleepSeconds: 0.1 })
    // python3 (the runtime-level check, and a discovery candidate) is a hard link; `usr` is `bin` by another name.
    linkSync(python, machine.path('bin/python3'))
    machine.fake.symlink('usr', 'bin')
    const { runtimes } = await openOn(machine.env(['bin', 'usr']), { noProbeCache: true }).runtimes.verify()

    expect(versionOf(runtimes, 'core.python', '3.12')).toMatchObject({ available: true, interpreter: python })
    expect(runtimes.find((runtime) => runtime.ref === 'core.python')?.available).toBe(true)
    expect(machine.calls('bin/python3.12')).toBe(1)
  })

  it('runs probes with the cleared baseline environment, never the engine’s own variables', async () => {
    machine.script('bin/python3.12', `echo "Python 3.12.4"\necho "canary=[$ATTUNE_CANARY] secret=[$ATTUNE__SECURITY__JWT_SECRET] home=[$HOME]"`)
    const env = machine.env(['bin'], { ATTUNE_CANARY: 'canary-in-engine-env', ATTUNE__SECURITY__JWT_SECRET: 'jwt-secret' })
    const { runtimes } = await openOn(env).runtimes.verify()
    const row = versionOf(runtimes, 'core.python', '3.12')
    expect(row.available).toBe(true)
    expect(row.verification?.output).toContain('canary=[] secret=[]')
    expect(row.verification?.output).toContain(`home=[${machine.home}]`)
    expect(JSON.stringify(runtimes)).not.toContain('canary-in-engine-env')
  })

  it('with ATTUNE_WORKER_RUNTIMES=python, leaves node versions unavailable with a reason naming the filter', async () => {
    const workbench = openOn(developerMachine({ ATTUNE_WORKER_RUNTIMES: 'python' }))
    const { summary, runtimes } = await workbench.runtimes.verify()
    expect(summary).toEqual({ checked: 3, available: 3, unavailable: 0, skipped: 3 })
    for (const version of ['18', '20', '22']) {
      const row = versionOf(runtimes, 'core.nodejs', version)
      expect(row.available).toBe(false)
      expect(row.reason).toContain('ATTUNE_WORKER_RUNTIMES=python')
      expect(row.reason).toContain('node')
    }
    expect(versionOf(runtimes, 'core.python', '3.12').available).toBe(true)
    expect(runtimes.find((runtime) => runtime.ref === 'core.nodejs')?.available).toBe(false)
    expect(runtimes.find((runtime) => runtime.ref === 'core.python')?.available).toBe(true)
  })

  it('with ATTUNE_WORKER_RUNTIMES set but empty, filters everything out', async () => {
    const workbench = openOn(developerMachine({ ATTUNE_WORKER_RUNTIMES: '' }))
    const { summary, runtimes } = await workbench.runtimes.verify()
    // Nothing is left to verify, so nothing on the machine is even probed.
    expect(machine.callLog()).toBe('')
    expect(summary).toMatchObject({ checked: 0, available: 0, skipped: 6 })
    for (const runtime of runtimes) {
      expect(runtime.available).toBe(false)
      for (const row of runtime.versions) {
        expect(row.available).toBe(false)
        expect(row.reason).toContain('ATTUNE_WORKER_RUNTIMES=')
      }
    }
  })

  it('keeps the user’s enabled toggle through verification', async () => {
    const env = developerMachine()
    const workbench = openOn(env)
    await workbench.runtimes.verify()
    workbench.runtimes.setEnabled('python', '3.13', false)
    const { runtimes } = await workbench.runtimes.verify()
    expect(versionOf(runtimes, 'core.python', '3.13')).toMatchObject({ available: true, enabled: false })
    closeAll()
    const reopened = openOn(env)
    await reopened.runtimes.verify()
    expect(versionOf(reopened.runtimes.list(), 'core.python', '3.13')).toMatchObject({ available: true, enabled: false })
  })

  it('answers a second verification from the probe cache, even in a new process, and re-probes a changed binary', async () => {
    const env = developerMachine()
    await openOn(env).runtimes.verify()
    expect(machine.totalCalls()).toBeGreaterThan(0)
    closeAll()

    machine.resetCalls()
    const { runtimes } = await openOn(env).runtimes.verify()
    expect(machine.callLog()).toBe('')
    expect(versionOf(runtimes, 'core.python', '3.12').verification?.attempts[0]?.cached).toBe(true)

    machine.python('bin/python3.11', '3.11.10')
    const after = await open[0]!.runtimes.verify()
    expect(machine.callLog().split('\n').filter(Boolean)).toEqual(['bin/python3.11'])
    expect(versionOf(after.runtimes, 'core.python', '3.11')).toMatchObject({ available: true, verification: { output: 'Python 3.11.10' } })
  })

  it('marks a hanging binary unavailable within the probe timeout', async () => {
    machine.fake.executable('bin/python3.12', { stdout: 'Python 3.12.4', sleepSeconds: 60 })
    const workbench = openOn(machine.env(['bin']), { probeTimeoutMs: 300 })
    const started = Date.now()
    const { runtimes } = await workbench.runtimes.verify('python')
    expect(Date.now() - started).toBeLessThan(5_000)
    const row = versionOf(runtimes, 'core.python', '3.12')
    expect(row.available).toBe(false)
    expect(row.reason).toContain('did not answer within 0.3 s and was killed')
  })

  it('keeps the spec’s 10 s default probe timeout', () => {
    expect(DEFAULT_PROBE_TIMEOUT_MS).toBe(10_000)
  })

  it('returns the runtime-level verification of the runtime it was asked to verify, not a stale copy', async () => {
    const workbench = openOn(developerMachine())
    const { runtimes } = await workbench.runtimes.verify('python')
    expect(runtimes.map((runtime) => runtime.ref)).toEqual(['core.python'])
    expect(runtimes[0]?.verifiedAt).not.toBeNull()
    expect(runtimes[0]?.available).toBe(true)
  })

  it('emits runtime.verified per runtime and verifies only what was never verified on ensureVerified', async () => {
    const workbench = openOn(developerMachine(), { noProbeCache: true })
    const verified: string[] = []
    workbench.events.on('runtime.verified', ({ runtime }) => verified.push(runtime))
    await workbench.runtimes.ensureVerified()
    expect(verified.sort()).toEqual(['core.nodejs', 'core.python', 'core.shell'])
    machine.resetCalls()
    await workbench.runtimes.ensureVerified()
    expect(machine.callLog()).toBe('')
  })
})
