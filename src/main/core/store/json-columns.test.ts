import { describe, expect, it } from 'vitest'
import { now, parseJson } from './json-columns'

describe('parseJson', () => {
  it('parses valid JSON', () => {
    expect(parseJson('{"a":[1,2]}', {})).toEqual({ a: [1, 2] })
    expect(parseJson('null', 'fallback')).toBeNull()
  })

  it('returns the fallback for text that is not JSON', () => {
    expect(parseJson('not json', ['x'])).toEqual(['x'])
    expect(parseJson('', {})).toEqual({})
  })
})

describe('now', () => {
  it('is ISO 8601 UTC with milliseconds, close to the clock', () => {
    const text = now()
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(Math.abs(Date.parse(text) - Date.now())).toBeLessThan(5_000)
  })
})
