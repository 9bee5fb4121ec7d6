import { describe, expect, it } from 'vitest'
import { formatBytes, formatDuration, formatTime } from './units'

describe('units shared by the UI and the CLI', () => {
  it.each([
    [null, '—'],
    [512, '512 B'],
    [1536, '1.5 KiB'],
    [10 * 1024 * 1024, '10 MiB'],
    [3.2 * 1024 * 1024 * 1024, '3.2 GiB']
  ])('bytes %j → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text)
  })

  it.each([
    [250, '250 ms'],
    [1234, '1.23 s'],
    [61_000, '1 min 1 s']
  ])('duration %i ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })

  it('writes a time as local time with its UTC offset', () => {
    const text = formatTime('2026-12-04T19:21:15.000Z')
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}$/)
    const [, clock, zone] = /^(\S+ \S+) ([+-]\d{2}:\d{2})$/.exec(text) ?? []
    // Undo the offset: it is the same instant.
    const sign = zone?.startsWith('-') ? '-' : '+'
    expect(new Date(`${clock?.replace(' ', 'T')}${sign}${zone?.slice(1)}`).toISOString()).toBe('2026-12-04T19:21:15.000Z')
    expect(formatTime('not a time')).toBe('not a time')
  })
})
