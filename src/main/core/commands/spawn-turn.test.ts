import { describe, expect, it } from 'vitest'
import { spawnTurn } from './spawn-turn'

/** Resolves once the loop has gone round twice: any earlier turn and its clean-up are over. */
const settled = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(() => setImmediate(resolve))))

/** A flag set by an immediate queued from an immediate: true once the loop has gone round past this turn's check phase. */
function nextLoopTurnMarker(): { readonly passed: () => boolean } {
  let passed = false
  setImmediate(() =>
    setImmediate(() => {
      passed = true
    })
  )
  return { passed: () => passed }
}

describe('spawnTurn', () => {
  it('lets a lone start go at once, and each later start of the same turn only after the loop went round', async () => {
    await settled()
    const marker = nextLoopTurnMarker()
    const order: string[] = []
    const first = spawnTurn().then(() => order.push(`first${marker.passed() ? ' (late)' : ''}`))
    const second = spawnTurn().then(() => order.push(`second${marker.passed() ? '' : ' (same turn)'}`))
    const third = spawnTurn().then(() => order.push('third'))
    await first
    // Granted before any immediate of this turn ran: no wait for the poll phase.
    expect(order).toEqual(['first'])
    await Promise.all([second, third])
    // The second start waited for a poll phase: not in the check phase right after the first.
    expect(order).toEqual(['first', 'second', 'third'])
  })

  it('grants at once again in a later turn once nobody waits', async () => {
    await spawnTurn()
    await settled()
    let immediateRan = false
    setImmediate(() => {
      immediateRan = true
    })
    await spawnTurn()
    expect(immediateRan).toBe(false)
  })
})
