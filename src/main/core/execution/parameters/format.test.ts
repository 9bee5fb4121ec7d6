import { describe, it, expect } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { formatDotenv } from './dotenv'
import { formatParameters } from './format'

describe('formatParameters (spec §5.6, scenarios 36–37)', () => {
  const params = { message: 'Hello', count: 42, nested: { ok: true } }

  it('json is one compact line that round-trips', () => {
    const text = formatParameters(params, 'json')
    expect(text).toBe('{"message":"Hello","count":42,"nested":{"ok":true}}')
    expect(JSON.parse(text)).toEqual(params)
    expect(formatParameters({}, 'json')).toBe('{}')
  })

  it('yaml is a multi-line document with message:, count: and 42', () => {
    const text = formatParameters(params, 'yaml')
    expect(text).toContain('message:')
    expect(text).toContain('count:')
    expect(text).toContain('42')
    expect(text.split('\n').length).toBeGreaterThan(2)
    expect(parseYaml(text)).toEqual(params)
  })

  it('dotenv goes through formatDotenv', () => {
    expect(formatParameters({ b: 1, a: 'x' }, 'dotenv')).toBe("a='x'\nb='1'")
  })
})

describe('formatDotenv (scenario 36)', () => {
  it('writes flat values as sorted single-quoted lines', () => {
    expect(formatDotenv({ name: 'Alice', count: 3, enabled: false, ratio: 0.5 })).toBe("count='3'\nenabled='false'\nname='Alice'\nratio='0.5'")
  })

  it('flattens nested mappings with dotted keys, keeping key case', () => {
    expect(formatDotenv({ headers: { 'Content-Type': 'application/json', Auth: { Scheme: 'Bearer' } } })).toBe(
      "headers.Auth.Scheme='Bearer'\nheaders.Content-Type='application/json'"
    )
  })

  it('omits empty mappings, writes null as empty and arrays as JSON', () => {
    expect(formatDotenv({ empty: {}, none: null, list: [1, 'a', { b: 2 }] })).toBe(`list='[1,"a",{"b":2}]'\nnone=''`)
  })

  it("escapes single quotes as '\\''", () => {
    expect(formatDotenv({ message: "It's a test" })).toBe("message='It'\\''s a test'")
  })

  it('sorts lines, not keys, by UTF-8 bytes and joins with \\n only', () => {
    expect(formatDotenv({ b: '1', a_b: '2', a: '3', 'a.c': { d: 4 } })).toBe("a.c.d='4'\na='3'\na_b='2'\nb='1'")
    expect(formatDotenv({})).toBe('')
  })

  it('gives one line for keys that collide after flattening (parameter_passing.rs flatten_parameters builds a map)', () => {
    expect(formatDotenv({ 'a.b': 1, a: { b: 2 } })).toBe("a.b='2'")
    expect(formatDotenv({ a: { b: { c: 1 } }, 'a.b': { c: 2 }, 'a.b.c': 3 })).toBe("a.b.c='3'")
  })
})
