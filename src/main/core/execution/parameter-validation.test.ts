import { describe, it, expect } from 'vitest'
import type { FieldSpec } from '../../../shared/domain/pack'
import { validateParameters } from './parameter-validation'

const schema: Record<string, FieldSpec> = {
  name: { type: 'string', required: true },
  count: { type: 'integer' },
  ratio: { type: 'number' },
  verbose: { type: 'boolean' },
  tags: { type: 'array' },
  headers: { type: 'object' },
  color: { type: 'string', enum: ['red', 'green'] },
  token: { type: 'string', secret: true, enum: ['a', 'b'] },
  anything: {}
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

  it('warns about undeclared parameters without failing', () => {
    const check = validateParameters(schema, { name: 'n', extra: 1 })
    expect(check.errors).toEqual([])
    expect(check.warnings).toEqual([{ parameter: 'extra', message: expect.stringContaining("parameter 'extra' is not declared") }])
    expect(validateParameters(null, { a: 1 }).warnings).toHaveLength(1)
  })

  it('refuses a value larger than 1 MiB serialized, declared or not', () => {
    const big = 'x'.repeat(1024 * 1024 + 1)
    expect(messages({ name: big })).toEqual([expect.stringMatching(/^parameter 'name' is 1\.0 MiB once serialized; the limit is 1 MiB/)])
    expect(validateParameters(null, { blob: [big] }).errors).toHaveLength(1)
    expect(messages({ name: 'x'.repeat(1024 * 1024) })).toEqual([])
  })
})
