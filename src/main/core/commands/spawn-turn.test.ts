import { describe, expect, it } from 'vitest'
import { spawnTurn } from './spawn-turn'

/** Resolves after the current turn of the event loop and the immediates queued in it. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)))

describe('spawnTurn', () => {
  it('lets the first start of a turn go at once, and later starts of the same turn one per turn, in order', async () => {
    await nextTurn()
    const order: string[] = []
    let immediateRan = false
    setImmediate(() => {
      immediateRan = true
    })
    const first = spawnTurn().then(() => order.push(`first${immediateRan ? ' (late)' : ''}`))
    const second = spawnTurn().then(() => order.push('second'))
    const third = spawnTurn().then(() => order.push('third'))
    await first
    // Granted before any immediate of this turn ran: no wait for the poll phase.
    expect(order).toEqual(['first'])
    await Promise.all([second, third])
    expect(order).toEqual(['first', 'second', 'third'])
  })

  it('grants at once again in a later turn once nobody waits', async () => {
    await spawnTurn()
    await nextTurn()
    let immediateRan = false
    setImmediate(() => {
      immediateRan = true
    })
    await spawnTurn()
    expect(immediateRan).toBe(false)
  })
})
