import { describe, expect, it } from 'vitest'
import { jsonShapeProblem, MAX_JSON_DEPTH } from './json-shape'

function nested(levels: number, inObjects: boolean): unknown {
  let value: unknown = 'leaf'
  for (let i = 0; i < levels; i++) value = inObjects ? { a: value } : [value]
  return value
}

describe('jsonShapeProblem', () => {
  it.each([
    ['text', 'x'],
    ['a number', 3],
    ['null', null],
    ['a flat mapping', { a: 1, b: [true, null] }],
    ['the deepest list allowed', nested(MAX_JSON_DEPTH, false)],
    ['the deepest mapping allowed', nested(MAX_JSON_DEPTH, true)],
    ['a value shared twice (not a cycle)', (() => { const shared = { x: 1 }; return { a: shared, b: [shared, shared] } })()]
  ])('%s is fine', (_name, value) => {
    expect(jsonShapeProblem(value)).toBeNull()
  })

  it.each([
    ['one level too deep (lists)', nested(MAX_JSON_DEPTH + 1, false), `is nested more than ${MAX_JSON_DEPTH} levels deep`],
    ['one level too deep (mappings)', nested(MAX_JSON_DEPTH + 1, true), `is nested more than ${MAX_JSON_DEPTH} levels deep`],
    ['a million levels', nested(1_000_000, false), `is nested more than ${MAX_JSON_DEPTH} levels deep`],
    ['a BigInt', { n: BigInt(1) }, 'holds a BigInt, which JSON cannot carry (send it as a number or as text)'],
    ['a function', [() => 1], 'holds a function, which JSON cannot carry'],
    ['a symbol', Symbol('s'), 'holds a symbol, which JSON cannot carry'],
    ['a cycle', (() => { const loop: Record<string, unknown> = {}; loop.self = { back: loop }; return loop })(), 'refers to itself, which JSON cannot carry']
  ])('%s is refused', (_name, value, message) => {
    expect(jsonShapeProblem(value)).toBe(message)
  })
})
