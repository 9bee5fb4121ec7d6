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
  it('picks an input per type, required fields first', () => {
    const fields = formFields(schema)
    expect(fields.map((field) => [field.name, field.kind])).toEqual([
      ['times', 'integer'],
      ['greeting', 'select'],
      ['loud', 'boolean'],
      ['name', 'text'],
      ['ratio', 'number'],
      ['tags', 'json'],
      ['token', 'secret']
    ])
  })

  it('starts from the defaults, never from a secret default', () => {
    expect(initialValues(formFields(schema))).toEqual({ times: '', greeting: '1', loud: 'true', name: 'shell', ratio: '', tags: '', token: '' })
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
