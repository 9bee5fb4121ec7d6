import { describe, it, expect } from 'vitest'
import type { FieldSpec } from '../../../../shared/domain/pack'
import { validateParameters } from './validation'

const schema: Record<string, FieldSpec> = {
  name: { type: 'string', required: true },
  count: { type: 'integer' },
  ratio: { type: 'number' },
  verbose: { type: 'boolean' },
  tags: { type: 'array' },
  headers: { type: 'object' },
  color: { type: 'string', enum: ['red', 'green'] },
  token: { type: 'string', secret: true, enum: ['a', 'b'] },
  anything: {},
  level: { type: 'number', minimum: 0, maximum: 1 },
  code: { type: 'string', minLength: 2, maxLength: 4, pattern: '^[a-z]+$' },
  pin: { type: 'string', secret: true, maxLength: 4 }
}

const messages = (params: Record<string, unknown>): string[] => validateParameters(schema, params).errors.map((issue) => issue.message)

describe('validateParameters', () => {
  it('accepts a valid document', () => {
    const check = validateParameters(schema, { name: 'x', count: 3, ratio: 0.5, verbose: true, tags: [], headers: {}, color: 'red', anything: [1] })
    expect(check).toEqual({ errors: [], warnings: [] })
  })

  it('reports a missing required parameter by name', () => {
    expect(messages({})).toEqual(["parameter 'name' is required"])
  })

  it.each([
    ['count', 'three', "parameter 'count' must be an integer, found the text 'three'"],
    ['count', 2.5, "parameter 'count' must be an integer, found the number 2.5"],
    ['ratio', 'x', "parameter 'ratio' must be a number, found the text 'x'"],
    ['verbose', 'true', "parameter 'verbose' must be a boolean, found the text 'true'"],
    ['tags', { a: 1 }, "parameter 'tags' must be an array, found a mapping"],
    ['headers', [1], "parameter 'headers' must be an object, found a list"],
    ['name', null, "parameter 'name' must be a string, found null"]
  ])('reports %s = %j as the wrong type', (key, value, message) => {
    expect(messages({ name: 'n', [key]: value })).toEqual([message])
  })

  it('reports a value outside the enum', () => {
    expect(messages({ name: 'n', color: 'blue' })).toEqual(["parameter 'color' must be one of 'red', 'green', found 'blue'"])
  })

  it('never shows a secret value', () => {
    const all = messages({ name: 'n', token: 'hunter2' }).concat(messages({ name: 'n', token: 42 }))
    expect(all).toEqual([
      "parameter 'token' must be one of 'a', 'b', found a value that is not one of them",
      "parameter 'token' must be a string, found a number"
    ])
    expect(all.join()).not.toContain('hunter2')
  })

  it('refuses undeclared parameters, naming the declared ones and the closest', () => {
    const check = validateParameters(schema, { name: 'n', colour: 'red' })
    expect(check.errors).toEqual([{ parameter: 'colour', message: expect.stringContaining("parameter 'colour' is not declared by the action (did you mean 'color'?); it declares name, count,") }])
    expect(messages({ name: 'n', bogus: 1 })[0]).not.toContain('did you mean')
    expect(validateParameters(null, { a: 1 }).errors).toEqual([{ parameter: 'a', message: "parameter 'a' is not declared: the action declares no parameters" }])
  })

  it.each([
    ['level', 1.5, "parameter 'level' must be at most 1, found 1.5"],
    ['level', -0.1, "parameter 'level' must be at least 0, found -0.1"],
    ['code', 'a', "parameter 'code' must be at least 2 characters long, found 1 character"],
    ['code', 'abcde', "parameter 'code' must be at most 4 characters long, found 5 characters"],
    ['code', 'AB', "parameter 'code' must match the pattern ^[a-z]+$, found 'AB'"],
    ['pin', '123456', "parameter 'pin' must be at most 4 characters long"]
  ])('enforces the limits: %s = %j', (key, value, message) => {
    expect(messages({ name: 'n', [key]: value })).toEqual([message])
  })

  it('accepts values on the limits and never shows a secret against its limit', () => {
    expect(messages({ name: 'n', level: 1, code: 'abcd', pin: '1234' })).toEqual([])
    expect(messages({ name: 'n', level: 0, code: 'ab' })).toEqual([])
    expect(messages({ name: 'n', pin: '123456' }).join()).not.toContain('123456')
  })

  it('refuses a value larger than 1 MiB serialized, declared or not', () => {
    const big = 'x'.repeat(1024 * 1024 + 1)
    expect(messages({ name: big })).toEqual([expect.stringMatching(/^parameter 'name' is 1\.0 MiB once serialized; the limit is 1 MiB/)])
    // Undeclared too: refused as undeclared and, separately, for its size.
    expect(validateParameters(null, { blob: [big] }).errors).toHaveLength(2)
    expect(validateParameters(null, { blob: [big] }).errors[1]).toEqual({ parameter: 'blob', message: expect.stringContaining('the limit is 1 MiB per value') })
    expect(messages({ name: 'x'.repeat(1024 * 1024) })).toEqual([])
  })
})
