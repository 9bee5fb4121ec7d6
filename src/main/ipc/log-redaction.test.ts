import { describe, expect, it } from 'vitest'
import { redactForLog } from './log-redaction'

describe('redactForLog', () => {
  it('masks every parameter value of the execution and matrix channels, keeping the names', () => {
    const start = redactForLog({ action: 'demo.hello', parameters: { name: 'Ada', api_token: 'tok-1234', nested: { deep: 'x' } }, options: { version: '3.12' } })
    expect(start).toBe('{"action":"demo.hello","parameters":{"name":"***","api_token":"***","nested":"***"},"options":{"version":"3.12"}}')
    expect(redactForLog({ id: 4, secrets: { api_token: 'tok-1234' } })).toBe('{"id":4,"secrets":{"api_token":"***"}}')
    expect(redactForLog({ params: 'raw text' })).toBe('{"params":"***"}')
  })

  it('masks fields named like credentials at any depth, and leaves the rest', () => {
    const line = redactForLog({ dir: '/packs/demo', deep: [{ Password: 'p', apiKey: 'k', AUTH_header: 'a', cookie: 'c', note: 'kept' }], token: 't' })
    expect(line).toBe('{"dir":"/packs/demo","deep":[{"Password":"***","apiKey":"***","AUTH_header":"***","cookie":"***","note":"kept"}],"token":"***"}')
  })

  it('cuts long inputs and survives what JSON cannot hold', () => {
    const long = redactForLog({ dir: 'x'.repeat(1000) })
    expect(long).toMatch(/^\{"dir":"x+… \(1010 chars\)$/)
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(redactForLog(cyclic)).toContain('…')
    expect(redactForLog(undefined)).toBe('undefined')
    expect(redactForLog(10n)).toBe('(bigint)')
  })
})
