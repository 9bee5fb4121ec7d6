import { describe, it, expect } from 'vitest'
import { applyDefaults, maskSecretFields, secretNames } from './schema'

const schema = {
  name: { type: 'string', default: 'World' },
  count: { type: 'integer', default: 3 },
  tags: { type: 'array', default: ['a'] },
  api_key: { type: 'string', secret: true },
  pin: { type: 'integer', secret: true },
  plain: { type: 'string' }
} as const

describe('applyDefaults', () => {
  it('fills absent keys and keeps given ones, null included', () => {
    expect(applyDefaults(schema, { name: 'Alice', count: null })).toEqual({ name: 'Alice', count: null, tags: ['a'] })
  })

  it('copies defaults so the schema cannot be changed through a run', () => {
    const filled = applyDefaults(schema, {})
    ;(filled.tags as string[]).push('b')
    expect(schema.tags.default).toEqual(['a'])
  })

  it('passes undeclared keys through and accepts a null schema', () => {
    expect(applyDefaults(null, { extra: 1 })).toEqual({ extra: 1 })
  })
})

describe('secretNames and masking', () => {
  it('lists secret parameters in schema order', () => {
    expect(secretNames(schema)).toEqual(['api_key', 'pin'])
    expect(secretNames(null)).toEqual([])
  })

  it('masks only secret fields that are present in a mapping', () => {
    expect(maskSecretFields(schema, { api_key: 'k', name: 'n' })).toEqual({ api_key: '***', name: 'n' })
    expect(maskSecretFields(schema, ['api_key'])).toEqual(['api_key'])
    expect(maskSecretFields(schema, 'text')).toBe('text')
  })
})
