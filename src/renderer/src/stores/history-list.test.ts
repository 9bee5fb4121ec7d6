import { describe, expect, it } from 'vitest'
import { historyList, type HistoryState } from './history-list'
import { MemoryEngine } from './test-support/memory-engine'

/** The history as a page holds it, following the engine's `execution.updated` events (stores/event-wiring.ts). */
function page(engine: MemoryEngine) {
  let state: HistoryState = { list: [], listLoaded: false, listError: null, filter: { action: null, status: null }, hasMore: false }
  const history = historyList({ api: () => engine.api, get: () => state, set: (partial) => (state = { ...state, ...partial }) })
  engine.api.on('execution.updated', (event) => history.onExecutionUpdated(event.id))
  return { history, state: () => state, shown: () => state.list.map((row) => `${row.id} ${row.status}`) }
}

const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

describe('history list', () => {
  it('follows a run from events: a burst of changes is one get in flight plus one after it, and the row ends in the newest state', async () => {
    const engine = new MemoryEngine(2)
    const { history, shown } = page(engine)
    await history.refreshList()
    engine.calls.splice(0)
    engine.hold()
    await engine.api['executions:start']({ action: 'demo.hello', parameters: {}, options: {} })
    engine.change(3, 'running')
    engine.change(3, 'completed')
    expect(engine.gets()).toBe(1)
    engine.release()
    await settled()
    expect(engine.gets()).toBe(2)
    expect(shown()).toEqual(['3 completed', '2 completed', '1 completed'])
    expect(engine.calls).not.toContain('executions:list')
  })

  it('fetches changes of different runs side by side', async () => {
    const engine = new MemoryEngine(3)
    const { history, shown } = page(engine)
    await history.refreshList()
    engine.calls.splice(0)
    engine.hold()
    engine.change(1, 'failed')
    engine.change(2, 'failed')
    expect(engine.gets()).toBe(2)
    engine.release()
    await settled()
    expect(shown()).toEqual(['3 completed', '2 failed', '1 failed'])
  })

  it('drops a row that stops fitting the filter and puts one that starts fitting back in its place by id', async () => {
    const engine = new MemoryEngine(3)
    const { history, shown } = page(engine)
    history.setFilter({ action: null, status: 'completed' })
    await history.refreshList()
    engine.change(2, 'failed')
    await settled()
    expect(shown()).toEqual(['3 completed', '1 completed'])
    engine.change(2, 'completed')
    await settled()
    expect(shown()).toEqual(['3 completed', '2 completed', '1 completed'])
  })
})
