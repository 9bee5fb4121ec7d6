import { describe, it, expect } from 'vitest'
import { Redactor } from './redact'

describe('Redactor', () => {
  it('masks every occurrence, longest secret first', () => {
    const redactor = new Redactor(['abc', 'abcdef', ''])
    expect(redactor.redact('x abcdef y abc z')).toBe('x *** y *** z')
  })

  it('treats secrets literally, not as patterns', () => {
    expect(new Redactor(['a.b*c']).redact('a.b*c axbbc')).toBe('*** axbbc')
  })

  it('passes text through when there are no secrets', () => {
    const redactor = new Redactor([])
    expect(redactor.active).toBe(false)
    expect(redactor.stream().push('secret')).toBe('secret')
  })

  it('masks secrets far larger than a regular expression may be (V8 refuses patterns past ~32 KB)', () => {
    const big = 'k'.repeat(1024 * 1024 - 1) + '!'
    const redactor = new Redactor([big, 'short'])
    expect(redactor.redact(`a ${big} b short c ${big}`)).toBe('a *** b *** c ***')
    const stream = redactor.stream()
    const pieces = [`x ${big.slice(0, 70_000)}`, big.slice(70_000), ' y']
    expect(pieces.map((piece) => stream.push(piece)).join('') + stream.end()).toBe('x *** y')
  })

  it('at one position the longest secret wins, then the search goes on after it', () => {
    expect(new Redactor(['ab', 'abc', 'c']).matches('xabcc ab')).toEqual([
      [1, 4],
      [4, 5],
      [6, 8]
    ])
  })

  it('redacts strings inside parsed values, keys included, each masked whole', () => {
    expect(new Redactor(['tok']).redactValue({ a: ['my tok'], tok: 1, n: 5 })).toEqual({ a: ['***'], '***': 1, n: 5 })
  })

  it('never cuts into a parsed value: values and keys are masked whole or kept exactly (issue 9)', () => {
    const result = { messages: ['Hello, Ada'], name: 'Ada', count: 42, nested: { note: 'sent with s3cret-tok', ok: true } }
    // The run's own choice (runSecrets) leaves short secrets out of the texts: only their names mask.
    expect(new Redactor([], ['api_token']).redactValue(result)).toEqual(result)
    expect(new Redactor(['s3cret-tok'], ['api_token']).redactValue(result)).toEqual({ ...result, nested: { note: '***', ok: true } })
    expect(new Redactor(['4242']).redactValue({ pin: 4242, other: 14242, list: [4242, 'x', 'a4242'] })).toEqual({ pin: '***', other: 14242, list: ['***', 'x', '***'] })
  })

  it('masks the value under a secret parameter’s name at any depth, whatever it holds', () => {
    const redactor = new Redactor([], ['api_token'])
    expect(redactor.redactValue({ api_token: 'e', doc: { api_token: { deep: [1] }, other: 'e' }, gone: { api_token: null } })).toEqual({
      api_token: '***',
      doc: { api_token: '***', other: 'e' },
      gone: { api_token: null }
    })
    expect(redactor.active).toBe(false)
    expect(redactor.redact('e and e')).toBe('e and e')
  })
})

describe('StreamRedactor', () => {
  const run = (secrets: string[], pieces: string[]): { out: string; emitted: string[] } => {
    const stream = new Redactor(secrets).stream()
    const emitted = pieces.map((piece) => stream.push(piece))
    emitted.push(stream.end())
    return { out: emitted.join(''), emitted }
  }

  it('masks a secret split across two chunks', () => {
    expect(run(['secret-123'], ['token=secr', 'et-123 done']).out).toBe('token=*** done')
  })

  it('masks a secret split across many one-character chunks', () => {
    expect(run(['hunter2'], [...'say hunter2 twice hunter2!']).out).toBe('say *** twice ***!')
  })

  it('passes ordinary text on at once and holds only a possible secret start', () => {
    const { emitted } = run(['secret'], ['hello world\n', 'more sec', 'ond'])
    expect(emitted).toEqual(['hello world\n', 'more ', 'second', ''])
  })

  it('leaves no secret visible on overlapping and repeated secrets, whatever the chunking', () => {
    const secrets = ['abab', 'ba', 'aaa']
    const text = 'xabababaaaab baba aaaa abab'
    const whole = new Redactor(secrets).redact(text)
    for (const size of [1, 2, 3, 5, 7]) {
      const pieces = text.match(new RegExp(`[^]{1,${size}}`, 'g')) ?? []
      const out = run(secrets, pieces).out
      for (const fragment of out.split('***')) expect(fragment).not.toMatch(/abab|ba|aaa/)
    }
    for (const fragment of whole.split('***')) expect(fragment).not.toMatch(/abab|ba|aaa/)
    expect(run(secrets, [text]).out).toBe(whole)
  })

  it('masks a held secret start when the stream is cut', () => {
    const stream = new Redactor(['secret-123']).stream()
    expect(stream.push('value: secr')).toBe('value: ')
    expect(stream.cut()).toBe('***')
    expect(stream.push('\n[notice]\n')).toBe('\n[notice]\n')
  })

  it('releases a held tail unchanged at the end when no secret completed', () => {
    expect(run(['secret'], ['the sec']).out).toBe('the sec')
  })

  it('handles a long secret in linear time', () => {
    const secret = 'k'.repeat(8192) + 'END'
    const stream = new Redactor([secret]).stream()
    const started = Date.now()
    let out = ''
    for (let i = 0; i < 200; i++) out += stream.push('k'.repeat(100))
    out += stream.end()
    expect(Date.now() - started).toBeLessThan(2000)
    expect(out).toBe('k'.repeat(20_000))
  })
})
