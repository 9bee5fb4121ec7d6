import { describe, expect, it } from 'vitest'
import { Redactor } from './redact'
import { runSecrets } from './run-secrets'
import { jsonEscape, secretForms, urlEncode } from './forms'

/** Secrets that exercise each escaping rule: non-ASCII, astral (surrogate pairs), JSON/URL specials, HTML-sensitive. */
const CASES = ['Pässwörd', 'key🔑astral', 'tok/en"q\\b s+p', "it's <&> `x`", 'x'.repeat(40) + '/+=?' + 'y'.repeat(40)]

const hexUpper = (text: string): string => text.replace(/\\u([0-9a-f]{4})/g, (_, digits: string) => `\\u${digits.toUpperCase()}`)
const percentLower = (text: string): string => text.replace(/%[0-9A-F]{2}/g, (code) => code.toLowerCase())
/** Python's `json.dumps` default (ensure_ascii): every non-ASCII code unit as lowercase `\uXXXX`. */
const pythonJson = (text: string): string => JSON.stringify(text).slice(1, -1).replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
const base64 = (text: string): string => Buffer.from(text).toString('base64')

/** Independent encoders (Node's own functions, or one-line transforms of them): what actions really print. */
const ENCODERS: Readonly<Record<string, (secret: string) => string>> = {
  raw: (s) => s,
  'JSON.stringify': (s) => JSON.stringify(s).slice(1, -1),
  'json.dumps (ensure_ascii)': pythonJson,
  'json.dumps, uppercase hex': (s) => hexUpper(pythonJson(s)),
  'PHP json_encode (\\/ and \\u)': (s) => pythonJson(s).replace(/\//g, '\\/'),
  'escaped slash, UTF-8 kept': (s) => JSON.stringify(s).slice(1, -1).replace(/\//g, '\\/'),
  'Go json (<>& as \\u)': (s) => JSON.stringify(s).slice(1, -1).replace(/[<>&]/g, (ch) => `\\u00${ch.charCodeAt(0).toString(16)}`),
  encodeURIComponent: (s) => encodeURIComponent(s),
  'encodeURIComponent, lowercase hex': (s) => percentLower(encodeURIComponent(s)),
  'URLSearchParams (form, + for space)': (s) => new URLSearchParams({ k: s }).toString().slice(2),
  'form, lowercase hex': (s) => percentLower(new URLSearchParams({ k: s }).toString().slice(2)),
  base64,
  'base64 unpadded': (s) => base64(s).replace(/=+$/, ''),
  base64url: (s) => Buffer.from(s).toString('base64url'),
  'base64url padded': (s) => base64(s).replace(/\+/g, '-').replace(/\//g, '_'),
  'echo | base64': (s) => base64(`${s}\n`),
  "shell '\\''": (s) => s.replace(/'/g, "'\\''"),
  "shlex.quote '\"'\"'": (s) => s.replace(/'/g, `'"'"'`),
  "YAML ''": (s) => s.replace(/'/g, "''")
}

describe('secretForms', () => {
  it('makes the JSON escapes other languages make', () => {
    expect(jsonEscape('Pä/"\\\n🔑', { asciiOnly: true, slash: true, html: 'none', hex: 'lower' })).toBe('P\\u00e4\\/\\"\\\\\\n\\ud83d\\udd11')
    expect(jsonEscape('<a+b>', { asciiOnly: false, slash: false, html: 'strict', hex: 'upper' })).toBe('\\u003Ca\\u002Bb\\u003E')
    expect(jsonEscape('\u0001\ud800', { asciiOnly: false, slash: false, html: 'none', hex: 'lower' })).toBe('\\u0001\\ud800')
  })

  it('percent-encodes UTF-8 with the chosen safe set, space and hex case', () => {
    expect(urlEncode('ä b/', { safe: /[A-Za-z0-9]/, plus: true, hex: 'lower' })).toBe('%c3%a4+b%2f')
  })

  it('lists each text once, the raw value first, and nothing for an empty value', () => {
    const forms = secretForms('abcd1234')
    expect(forms[0]).toEqual({ encoding: 'raw', text: 'abcd1234' })
    expect(new Set(forms.map((form) => form.text)).size).toBe(forms.length)
    expect(forms.map((form) => form.text)).toEqual(['abcd1234', 'YWJjZDEyMzQ=', 'YWJjZDEyMzQ', 'YWJjZDEyMzQK'])
    expect(secretForms('')).toEqual([])
  })

  it('keeps a very long secret to the common forms', () => {
    const forms = secretForms('ä'.repeat(20_000))
    expect(forms.map((form) => form.encoding)).toEqual(['raw', 'json-ascii-lower', 'base64'])
  })

  describe.each(CASES)('secret %j', (secret) => {
    const redactor = new Redactor(runSecrets({ token: { type: 'string', secret: true } }, { token: secret }).texts)
    it.each(Object.keys(ENCODERS))('is masked when printed as %s, whole and split across chunks at every point', (name) => {
      const encoded = (ENCODERS[name] as (s: string) => string)(secret)
      const text = `before ${encoded} after\n`
      expect(redactor.redact(text)).toBe('before *** after\n')
      for (let at = 1; at < text.length; at++) {
        const stream = redactor.stream()
        expect(stream.push(text.slice(0, at)) + stream.push(text.slice(at)) + stream.end()).toBe('before *** after\n')
      }
    })
  })
})
