import { describe, expect, it } from 'vitest'
import { Redactor } from './redact'
import { runSecrets } from './run-secrets'
import { ExactNumber } from '../parameters/worker-numbers'

const schema = { api_token: { type: 'string' as const, secret: true }, pin: { type: 'integer' as const, secret: true }, name: { type: 'string' as const } }

describe('runSecrets', () => {
  it('masks a secret of 4 characters or more in every form, and names every secret parameter', () => {
    const secrets = runSecrets(schema, { api_token: 'a"bc', pin: 1234, name: 'x' })
    expect(secrets.names).toEqual(['api_token', 'pin'])
    expect(secrets.warnings).toEqual([])
    expect(secrets.texts).toEqual(expect.arrayContaining(['a"bc', 'a\\"bc', 'a%22bc', 'YSJiYw==', '1234', 'MTIzNA==']))
    expect(secrets.texts).not.toContain('x')
  })

  it('masks a number kept exact (above 2^53, or 1.0) as the action prints it, and extra values such as the API token', () => {
    const secrets = runSecrets(schema, { pin: new ExactNumber('5500000000000004') }, ['tok-3f9a81'])
    expect(new Redactor(secrets.texts, secrets.names).redact('card 5500000000000004 token tok-3f9a81')).toBe('card *** token ***')
    expect(secrets.texts).not.toContain('{"text":"5500000000000004"}')
  })

  it('reports a shorter secret as too short to mask in logs, naming the parameter and never the value', () => {
    const secrets = runSecrets(schema, { api_token: 'Ada', pin: 42, name: 'Ada' })
    expect(secrets.texts).toEqual([])
    expect(secrets.warnings).toHaveLength(2)
    expect(secrets.warnings[0]).toContain("secret parameter 'api_token' is too short to mask in logs")
    expect(secrets.warnings[1]).toContain("secret parameter 'pin' is too short to mask in logs")
    for (const warning of secrets.warnings) expect(warning).not.toMatch(/Ada|42/)
  })

  it('counts characters, not UTF-16 units, and skips absent, null and empty values', () => {
    expect(runSecrets(schema, { api_token: '🔑🔑🔑' }).warnings).toHaveLength(1)
    expect(runSecrets(schema, { api_token: '', pin: null })).toEqual({ texts: [], names: ['api_token', 'pin'], warnings: [] })
  })

  it('reproduces issue 9: short secrets no longer rewrite unrelated text or results', () => {
    for (const token of ['e', 'Ada']) {
      const secrets = runSecrets(schema, { api_token: token, name: 'Ada' })
      const redactor = new Redactor(secrets.texts, secrets.names)
      const result = { messages: ['Hello, Ada'], name: 'Ada' }
      expect(redactor.redactValue(result)).toEqual(result)
      expect(redactor.redact('Hello, Ada\n')).toBe('Hello, Ada\n')
      expect(redactor.redactValue({ api_token: token })).toEqual({ api_token: '***' })
    }
  })
})
