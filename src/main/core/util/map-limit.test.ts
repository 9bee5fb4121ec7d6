import { describe, it, expect } from 'vitest'
import { mapLimit } from './map-limit'

async function track(limit: number, count: number): Promise<{ results: number[]; peak: number }> {
  let running = 0
  let peak = 0
  const results = await mapLimit(
    Array.from({ length: count }, (_, index) => index),
    limit,
    async (item) => {
      running++
      peak = Math.max(peak, running)
      await new Promise((resolve) => setTimeout(resolve, (count - item) % 3))
      running--
      return item * 10
    }
  )
  return { results, peak }
}

describe('mapLimit', () => {
  it('keeps input order and never exceeds the limit', async () => {
    const { results, peak } = await track(3, 10)
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90])
    expect(peak).toBe(3)
  })

  it.each([0, -2, Number.NaN])('runs one at a time for limit %s', async (limit) => {
    const { results, peak } = await track(limit, 4)
    expect(results).toEqual([0, 10, 20, 30])
    expect(peak).toBe(1)
  })

  it('handles no items', async () => {
    expect(await mapLimit([], 4, async () => 1)).toEqual([])
  })
})
