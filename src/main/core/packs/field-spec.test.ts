import { describe, expect, it } from 'vitest'
import type { PackProblem } from '../../../shared/domain/pack'
import { fieldPath } from '../catalog/yaml-fields'
import { matchesFieldType, readFieldSpecs } from './field-spec'
import type { Report } from './pack-loader-report'

function read(value: unknown): { specs: ReturnType<typeof readFieldSpecs>; problems: Pick<PackProblem, 'field' | 'severity' | 'message'>[] } {
  const problems: Pick<PackProblem, 'field' | 'severity' | 'message'>[] = []
  const report: Report = (path, message, severity = 'error') => problems.push({ field: fieldPath(path), severity, message })
  return { specs: readFieldSpecs(value, ['parameters'], report), problems }
}

describe('readFieldSpecs', () => {
  it('reads the flat schema: type, required, secret, default, enum, description', () => {
    const { specs, problems } = read({
      name: { type: 'string', description: 'Who', default: 'World', required: true },
      count: { type: 'integer', default: 3 },
      ratio: { type: 'number', default: 0.5 },
      verbose: { type: 'boolean', default: false },
      tags: { type: 'array', default: ['a'] },
      extra: { type: 'object', default: { a: 1 } },
      token: { type: 'string', secret: true },
      color: { type: 'string', enum: ['red', 'green'], default: 'green' },
      anything: {}
    })
    expect(problems).toEqual([])
    expect(specs).toEqual({
      name: { type: 'string', description: 'Who', default: 'World', required: true },
      count: { type: 'integer', default: 3 },
      ratio: { type: 'number', default: 0.5 },
      verbose: { type: 'boolean', default: false },
      tags: { type: 'array', default: ['a'] },
      extra: { type: 'object', default: { a: 1 } },
      token: { type: 'string', secret: true },
      color: { type: 'string', enum: ['red', 'green'], default: 'green' },
      anything: {}
    })
  })

  it('returns null when absent and {} (with an error) when not a mapping', () => {
    expect(read(undefined)).toEqual({ specs: null, problems: [] })
    expect(read(null)).toEqual({ specs: null, problems: [] })
    const list = read(['name'])
    expect(list.specs).toEqual({})
    expect(list.problems).toEqual([{ field: 'parameters', severity: 'error', message: expect.stringContaining('found a list') }])
  })

  it('names JSON Schema when it sees type: object with properties', () => {
    const { specs, problems } = read({ type: 'object', properties: { name: { type: 'string' } } })
    expect(specs).toEqual({})
    expect(problems).toEqual([{ field: 'parameters', severity: 'error', message: expect.stringContaining('looks like JSON Schema') }])
  })

  it.each([
    ['string', 5, "must be a string (type: string), found the number 5; the default is ignored"],
    ['integer', '5', "must be an integer (type: integer), found the text '5'; the default is ignored"],
    ['integer', 2.5, 'must be an integer (type: integer), found the number 2.5; the default is ignored'],
    ['number', 'x', "must be a number (type: number), found the text 'x'; the default is ignored"],
    ['boolean', 'yes', "must be a boolean (type: boolean), found the text 'yes'; the default is ignored"],
    ['array', { a: 1 }, 'must be an array (type: array), found a mapping; the default is ignored'],
    ['object', [1], 'must be an object (type: object), found a list; the default is ignored']
  ])('a %s field with default %j is an error and the default is dropped', (type, fallback, message) => {
    const { specs, problems } = read({ field: { type, default: fallback } })
    expect(specs).toEqual({ field: { type } })
    expect(problems).toEqual([{ field: 'parameters.field.default', severity: 'error', message }])
  })

  it('a default outside the enum is an error and dropped', () => {
    const { specs, problems } = read({ color: { type: 'string', enum: ['red', 'green'], default: 'blue' } })
    expect(specs).toEqual({ color: { type: 'string', enum: ['red', 'green'] } })
    expect(problems).toEqual([
      { field: 'parameters.color.default', severity: 'error', message: "'blue' is not one of the enum values ('red', 'green'); the default is ignored" }
    ])
  })

  it('checks enum values against the type and compares structured defaults by value', () => {
    const { specs, problems } = read({ level: { type: 'integer', enum: [1, 'two', 3], default: 3 }, pair: { type: 'array', enum: [[1, 2]], default: [1, 2] } })
    expect(specs?.level).toEqual({ type: 'integer', enum: [1, 'two', 3], default: 3 })
    expect(specs?.pair?.default).toEqual([1, 2])
    expect(problems).toEqual([{ field: 'parameters.level.enum[1]', severity: 'error', message: "must be an integer (type: integer), found the text 'two'" }])
  })

  it('reports wrong kinds of type, required, secret, enum and description, keeping the field', () => {
    const { specs, problems } = read({
      a: { type: 'text', required: 'yes', secret: 1, enum: 'red', description: 7 },
      b: 'string'
    })
    expect(specs).toEqual({ a: {}, b: {} })
    expect(problems.map((p) => [p.field, p.severity])).toEqual([
      ['parameters.a.type', 'error'],
      ['parameters.a.required', 'error'],
      ['parameters.a.secret', 'error'],
      ['parameters.a.description', 'warning'],
      ['parameters.a.enum', 'error'],
      ['parameters.b', 'error']
    ])
    expect(problems[0]?.message).toBe("must be one of string, integer, number, boolean, array, object, found the text 'text'; the field is kept without a type")
  })

  it('without a type, any default is kept', () => {
    expect(read({ x: { default: [1] } })).toEqual({ specs: { x: { default: [1] } }, problems: [] })
  })

  it('keeps minimum, maximum, minLength, maxLength, pattern and position', () => {
    const field = { type: 'number', minimum: 0, maximum: 1, default: 0.5, position: 2 }
    const text = { type: 'string', minLength: 2, maxLength: 8, pattern: '^[a-z]+$' }
    expect(read({ ratio: field, code: text })).toEqual({ specs: { ratio: field, code: text }, problems: [] })
  })

  it('reports bad limits by field and drops a default outside them', () => {
    const { specs, problems } = read({
      ratio: { type: 'number', minimum: 'low', maximum: 1, default: 1.5 },
      code: { type: 'string', maxLength: -1, pattern: '([a-z' },
      span: { type: 'integer', minimum: 5, maximum: 1, position: 1.5 }
    })
    expect(specs).toEqual({ ratio: { type: 'number', maximum: 1 }, code: { type: 'string' }, span: { type: 'integer', minimum: 5, maximum: 1 } })
    expect(problems).toEqual([
      { field: 'parameters.ratio.minimum', severity: 'error', message: "must be a number, found the text 'low'; ignored" },
      { field: 'parameters.ratio.default', severity: 'error', message: 'must be at most 1, found 1.5; the default is ignored' },
      { field: 'parameters.code.maxLength', severity: 'error', message: 'must be a whole number of 0 or more, found the number -1; ignored' },
      { field: 'parameters.code.pattern', severity: 'error', message: "'([a-z' is not a valid regular expression; ignored" },
      { field: 'parameters.span.position', severity: 'error', message: 'must be a whole number of 0 or more, found the number 1.5; ignored' },
      { field: 'parameters.span.maximum', severity: 'error', message: '1 is below minimum 5: no value can fit' }
    ])
  })
})

describe('matchesFieldType', () => {
  it.each([
    [1, 'integer', true],
    [1.5, 'integer', false],
    [1.5, 'number', true],
    [Number.NaN, 'number', false],
    ['1', 'number', false],
    [null, 'object', false],
    [[], 'object', false],
    [{}, 'object', true],
    [[], 'array', true],
    [true, 'boolean', true]
  ] as const)('%j is %s: %s', (value, type, expected) => {
    expect(matchesFieldType(value, type)).toBe(expected)
  })
})
