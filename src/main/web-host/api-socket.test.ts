import { describe, expect, it } from 'vitest'
import { backlogWatch } from './api-socket'

describe('backlogWatch', () => {
  it('drops a client whose backlog stays over the bound, or passes four times it', () => {
    const stalled = backlogWatch({ maxBufferedBytes: 100, maxStallMs: 1000 })
    expect(stalled(50, 0)).toBe(false)
    expect(stalled(150, 10)).toBe(false) // over since 10
    expect(stalled(300, 900)).toBe(false)
    expect(stalled(300, 1010)).toBe(true)
    expect(backlogWatch({ maxBufferedBytes: 100, maxStallMs: 1000 })(401, 0)).toBe(true)
  })

  it('starts over once the client has read its way back under the bound', () => {
    const stalled = backlogWatch({ maxBufferedBytes: 100, maxStallMs: 1000 })
    expect(stalled(150, 0)).toBe(false)
    expect(stalled(80, 500)).toBe(false)
    expect(stalled(150, 1200)).toBe(false) // over since 1200, not 0
    expect(stalled(150, 2199)).toBe(false)
    expect(stalled(150, 2200)).toBe(true)
  })
})
