import { describe, expect, it } from 'vitest'
import { useExecutionsStore } from './executions-store'
import { MemoryEngine } from './test-support/memory-engine'

// The store asks `window.api` (the Electron preload's shape) on its first call.
const engine = new MemoryEngine(2)
Object.assign(globalThis, { window: { api: engine.api } })
// As the app wires it (event-wiring.ts), for every test of this file whichever runs alone.
engine.api.on('execution.updated', (event) => useExecutionsStore.getState().onExecutionUpdated(event))

const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

describe('executions store', () => {
  it('takes a run started from the page into the history from the engine event, with one get and no refetch', async () => {
    const store = useExecutionsStore.getState()
    await store.refreshList()
    engine.calls.splice(0)
    const id = await store.start('demo.hello', {}, {})
    await settled()
    expect(engine.calls).toEqual(['executions:start', 'executions:get'])
    expect(useExecutionsStore.getState().list.map((row) => `${row.id} ${row.status}`)).toEqual([`${id} requested`, '2 completed', '1 completed'])
  })

  it('on a run’s own page, one get per change serves both the page and the run’s row in the history', async () => {
    const id = await useExecutionsStore.getState().start('demo.hello', {}, {})
    await settled()
    await useExecutionsStore.getState().open(id!)
    engine.calls.splice(0)
    engine.change(id!, 'running')
    await settled()
    expect(engine.gets()).toBe(1)
    const state = useExecutionsStore.getState()
    expect(state.detail?.status).toBe('running')
    expect(state.list[0]).toMatchObject({ id, status: 'running' })
  })
})
