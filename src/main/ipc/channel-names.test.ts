import { describe, expect, it } from 'vitest'
import { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/ipc/channel-names'
import { channels } from '../../shared/ipc/contract'

describe('channel names', () => {
  it('lists exactly the contract channels, once each', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(channels).sort())
    expect(new Set(CHANNEL_NAMES).size).toBe(CHANNEL_NAMES.length)
  })

  it('names each event once', () => {
    expect(new Set(EVENT_NAMES).size).toBe(EVENT_NAMES.length)
    expect(EVENT_NAMES).toContain('startup.progress')
    expect(EVENT_NAMES).toContain('log.chunk')
  })
})
