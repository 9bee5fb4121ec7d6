import { describe, expect, it } from 'vitest'
import { coalesce, coalesceByKey } from './coalesce'

describe('coalesce', () => {
  it('turns a burst of calls into the running call plus one more', async () => {
    let runs = 0
    let release: () => void = () => undefined
    const task = coalesce(async () => {
      runs++
      if (runs === 1) await new Promise<void>((resolve) => (release = resolve))
    })
    const first = task()
    void task()
    void task()
    release()
    await first
    expect(runs).toBe(2)
    await task()
    expect(runs).toBe(3)
  })
})

describe('coalesceByKey', () => {
  it('coalesces a burst per key, runs different keys side by side, and starts afresh once a key is done', async () => {
    const started: string[] = []
    const releases = new Map<string, () => void>()
    const task = coalesceByKey(async (key: string) => {
      started.push(key)
      await new Promise<void>((resolve) => releases.set(key, resolve))
    })
    const a = task('a')
    void task('b')
    void task('a')
    void task('a')
    expect(started).toEqual(['a', 'b'])
    releases.get('a')!()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(started).toEqual(['a', 'b', 'a'])
    releases.get('a')!()
    releases.get('b')!()
    await a
    expect(started).toEqual(['a', 'b', 'a'])
    const again = task('a')
    expect(started).toEqual(['a', 'b', 'a', 'a'])
    releases.get('a')!()
    await again
  })
})
