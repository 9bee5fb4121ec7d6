import { describe, expect, it } from 'vitest'
import { formFields, initialValues, toParameters } from './parameter-form'

const schema = {
  name: { type: 'string' as const, default: 'shell', description: 'Who to greet' },
  greeting: { type: 'string' as const, enum: ['Hello', 'Hi'], default: 'Hi' },
  times: { type: 'integer' as const, required: true },
  ratio: { type: 'number' as const },
  loud: { type: 'boolean' as const, default: true },
  token: { type: 'string' as const, secret: true, default: 'never shown' },
  tags: { type: 'array' as const }
}

describe('parameter form', () => {
  it('picks an input per type, in declaration order', () => {
    const fields = formFields(schema)
    expect(fields.map((field) => [field.name, field.kind])).toEqual([
      ['name', 'text'],
      ['greeting', 'select'],
      ['times', 'integer'],
      ['ratio', 'number'],
      ['loud', 'boolean'],
      ['token', 'secret'],
      ['tags', 'json']
    ])
  })

  it('puts fields with a position first, by position', () => {
    const fields = formFields({ a: {}, b: { position: 2 }, c: {}, d: { position: 0 } })
    expect(fields.map((field) => field.name)).toEqual(['d', 'b', 'a', 'c'])
  })

  it('starts from the defaults, never from a secret default', () => {
    expect(initialValues(formFields(schema))).toEqual({ times: '', greeting: '1', loud: 'true', name: 'shell', ratio: '', tags: '', token: '' })
  })

  it('starts a re-run from the previous values, secrets empty', () => {
    const previous = { name: 'Ada', greeting: 'Hello', times: 2, loud: false, token: '***', tags: ['x'] }
    expect(initialValues(formFields(schema), previous)).toEqual({ times: '2', greeting: '0', loud: 'false', name: 'Ada', ratio: '', tags: '[\n  "x"\n]', token: '' })
  })

  it('enforces minimum, maximum, lengths and pattern as the engine does', () => {
    const fields = formFields({ ratio: { type: 'number', maximum: 1, minimum: 0 }, code: { type: 'string', maxLength: 3, pattern: '^[a-z]+$' } })
    expect(fields.map((field) => field.limits)).toEqual([['0 to 1'], ['at most 3 characters', 'pattern ^[a-z]+$']])
    expect(toParameters(fields, { ratio: '1.5', code: 'AB' })).toEqual({
      ok: false,
      errors: { ratio: 'ratio must be at most 1, found 1.5', code: "code must match the pattern ^[a-z]+$, found 'AB'" }
    })
    expect(toParameters(fields, { ratio: '1', code: 'abc' })).toEqual({ ok: true, parameters: { ratio: 1, code: 'abc' } })
  })

  it('converts the inputs to typed parameters, leaving empty optional ones out', () => {
    const fields = formFields(schema)
    const values = { ...initialValues(fields), times: '3', tags: '["a"]', token: 's3cret' }
    expect(toParameters(fields, values)).toEqual({ ok: true, parameters: { times: 3, greeting: 'Hi', loud: true, name: 'shell', tags: ['a'], token: 's3cret' } })
  })

  it('names each field in error', () => {
    const fields = formFields(schema)
    const result = toParameters(fields, { ...initialValues(fields), times: '', ratio: 'abc', tags: '{"a":1}' })
    expect(result).toEqual({ ok: false, errors: { times: 'times is required', ratio: 'ratio must be a number', tags: 'tags must be a JSON array' } })
    expect(toParameters(fields, { ...initialValues(fields), times: '1.5' })).toMatchObject({ ok: false, errors: { times: 'times must be a whole number' } })
  })
})
