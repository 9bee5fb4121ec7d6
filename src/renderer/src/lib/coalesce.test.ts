import { describe, expect, it } from 'vitest'
import { coalesce } from './coalesce'

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
