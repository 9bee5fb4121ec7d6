import { afterEach, beforeEach, describe, it, expect, vi } from 'vitest'
import { OutputBatcher } from './batcher'

describe('OutputBatcher', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('sends one batch per interval, not one per write', () => {
    const batches: string[] = []
    const batcher = new OutputBatcher('stdout', (_stream, text) => batches.push(text), 50, 1000)
    for (let i = 0; i < 100; i++) batcher.push('x')
    expect(batches).toEqual([])
    vi.advanceTimersByTime(50)
    expect(batches).toEqual(['x'.repeat(100)])
  })

  it('sends at once when a batch reaches its size', () => {
    const batches: string[] = []
    const batcher = new OutputBatcher('stderr', (stream, text) => batches.push(`${stream}:${text.length}`), 50, 10)
    batcher.push('12345')
    batcher.push('678901')
    expect(batches).toEqual(['stderr:11'])
  })

  it('flushes what is pending and survives a throwing listener', () => {
    const batcher = new OutputBatcher('stdout', () => {
      throw new Error('listener bug')
    })
    batcher.push('a')
    expect(() => batcher.flush()).not.toThrow()
  })

  it('does nothing without a listener', () => {
    const batcher = new OutputBatcher('stdout', undefined)
    batcher.push('a')
    expect(vi.getTimerCount()).toBe(0)
  })
})
