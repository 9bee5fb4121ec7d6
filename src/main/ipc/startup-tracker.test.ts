import { describe, expect, it } from 'vitest'
import type { StartupState } from '../../shared/ipc/contract'
import { createStartupTracker, phaseOf } from './startup-tracker'
import { fakeWorkbench } from './test-support/fake-workbench'

describe('startup tracker', () => {
  it('maps the lifecycle steps to phases', () => {
    expect(phaseOf('Verifying runtime versions')).toBe('verifying')
    expect(phaseOf('Setting up environments')).toBe('envs')
    expect(phaseOf('Ready')).toBe('ready')
    expect(phaseOf('Loading packs')).toBe('starting')
  })

  it('publishes each step as a startup.progress event and ends ready', async () => {
    const { workbench, events } = fakeWorkbench()
    const seen: StartupState[] = []
    events.on('startup.progress', (state) => seen.push(state))
    const tracker = createStartupTracker(workbench)
    expect(tracker.state().phase).toBe('starting')
    await tracker.run()
    expect(seen.map((state) => state.phase)).toEqual(['verifying', 'envs', 'ready'])
    expect(tracker.state()).toEqual({ phase: 'ready', message: 'Ready' })
  })

  it('turns a failed startup into the failed phase with the reason, without throwing', async () => {
    const { workbench } = fakeWorkbench({ startFails: new Error('disk full') })
    const tracker = createStartupTracker(workbench)
    await expect(tracker.run()).resolves.toBeUndefined()
    expect(tracker.state()).toEqual({ phase: 'failed', message: 'Startup failed: disk full' })
  })
})
