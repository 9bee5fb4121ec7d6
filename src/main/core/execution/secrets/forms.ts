/**
 * The forms in which an action may print a secret (issue 9, finding 4): as it is, JSON-escaped the way
 * common encoders escape (`\uXXXX` for non-ASCII with surrogate pairs, escaped `/`, HTML-safe escapes, either
 * hex case), URL-encoded (encodeURIComponent, RFC 3986, path-safe, form `+` for space, either hex case),
 * base64 of the whole value (standard and URL-safe, with and without padding, MIME-wrapped, and of the value
 * with the newline `echo | base64` adds), and shell (`'\''`, shlex's `'"'"'`) and YAML single-quoted.
 *
 * Each form is a literal text, so the stream redactor masks it across chunk boundaries like the raw value.
 * Pure: no I/O. Encoders are written here rather than taken from `JSON.stringify`/`encodeURIComponent`
 * because the point is the variants those functions do not produce (other languages' choices).
 */

/** One form of a secret: the name of its encoding and the text. */
export interface SecretForm {
  readonly encoding: string
  readonly text: string
}

/**
 * Above this length only the common forms are made (raw, JSON, quoting, standard base64): every form is
 * kept in memory and scanned on each output chunk, and a kubeconfig-sized secret has dozens of them.
 */
export const MAX_FULLY_ENCODED_LENGTH = 16 * 1024

type HexCase = 'lower' | 'upper'
/** How much a JSON encoder escapes beyond `"`, `\` and control characters. */
interface JsonStyle {
  /** Non-ASCII as `\uXXXX` (Python's default `ensure_ascii`, PHP, .NET). */
  readonly asciiOnly: boolean
  /** `/` as `\/` (PHP). */
  readonly slash: boolean
  /** `<>&` and U+2028/9 as `\u` (Go); `strict` adds `'`, `+`, backtick and `"` as `\u0022` (.NET). */
  readonly html: 'none' | 'go' | 'strict'
  readonly hex: HexCase
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' }
const GO_HTML = new Set(['<', '>', '&', '\u2028', '\u2029'])
const STRICT_HTML = new Set([...GO_HTML, "'", '+', '`', '"'])

/** `text` as inside a JSON string written in `style`. */
export function jsonEscape(text: string, style: JsonStyle): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string
    const code = ch.charCodeAt(0)
    const htmlEscaped = style.html === 'go' ? GO_HTML.has(ch) : style.html === 'strict' && STRICT_HTML.has(ch)
    if (htmlEscaped) out += unicodeEscape(code, style.hex)
    else if (SHORT_ESCAPES[ch] !== undefined) out += SHORT_ESCAPES[ch]
    else if (ch === '/' && style.slash) out += '\\/'
    else if (code < 0x20 || (code >= 0xd800 && code <= 0xdfff && !pairedSurrogate(text, i)) || (code > 0x7e && style.asciiOnly)) out += unicodeEscape(code, style.hex)
    else out += ch
  }
  return out
}

/** Where a URL encoder leaves characters alone, and what it does with a space. */
interface UrlStyle {
  readonly safe: RegExp
  readonly plus: boolean
  readonly hex: HexCase
}

const URL_SAFE_SETS: readonly RegExp[] = [
  /[A-Za-z0-9\-_.!~*'()]/, // encodeURIComponent
  /[A-Za-z0-9\-_.~]/, // RFC 3986 unreserved (Python quote(safe=''), quote_plus)
  /[A-Za-z0-9\-_.~/]/, // Python quote() default
  /[A-Za-z0-9*\-_.]/ // WHATWG application/x-www-form-urlencoded (URLSearchParams)
]

/** `text` percent-encoded as UTF-8 in `style`. */
export function urlEncode(text: string, style: UrlStyle): string {
  let out = ''
  for (const ch of text) {
    if (ch === ' ' && style.plus) out += '+'
    else if (style.safe.test(ch)) out += ch
    else for (const byte of Buffer.from(ch, 'utf8')) out += `%${hex(byte, 2, style.hex)}`
  }
  return out
}

/** Base64 forms of `text`'s UTF-8 bytes: standard and URL-safe, padded and not, and MIME-wrapped at 76. */
export function base64Forms(text: string, suffix = ''): SecretForm[] {
  const standard = Buffer.from(text, 'utf8').toString('base64')
  const unpadded = standard.replace(/=+$/, '')
  const urlSafe = unpadded.replace(/\+/g, '-').replace(/\//g, '_')
  const forms = [
    { encoding: `base64${suffix}`, text: standard },
    { encoding: `base64-unpadded${suffix}`, text: unpadded },
    { encoding: `base64url${suffix}`, text: urlSafe },
    { encoding: `base64url-padded${suffix}`, text: urlSafe + standard.slice(unpadded.length) }
  ]
  // GNU base64 wraps at 76 columns by default.
  if (standard.length > 76) forms.push({ encoding: `base64-wrapped${suffix}`, text: (standard.match(/.{1,76}/g) ?? []).join('\n') })
  return forms
}

/**
 * Every form of `text` (the first is `text` itself), each text once: where two encodings agree the first
 * name is kept. Empty for an empty text.
 */
export function secretForms(text: string): SecretForm[] {
  if (text === '') return []
  const forms: SecretForm[] = [{ encoding: 'raw', text }]
  const add = (encoding: string, form: string): void => void forms.push({ encoding, text: form })
  const full = text.length <= MAX_FULLY_ENCODED_LENGTH
  for (const hexCase of full ? (['lower', 'upper'] as const) : (['lower'] as const)) {
    for (const asciiOnly of [false, true]) {
      for (const slash of full ? [false, true] : [false]) {
        for (const html of full ? (['none', 'go', 'strict'] as const) : (['none'] as const)) {
          add(`json${asciiOnly ? '-ascii' : ''}${slash ? '-slash' : ''}${html === 'none' ? '' : `-${html}`}-${hexCase}`, jsonEscape(text, { asciiOnly, slash, html, hex: hexCase }))
        }
      }
    }
    if (!full) continue
    URL_SAFE_SETS.forEach((safe, index) => {
      for (const plus of [false, true]) add(`url${index}${plus ? '-plus' : ''}-${hexCase}`, urlEncode(text, { safe, plus, hex: hexCase }))
    })
  }
  // Spec §5.6: dotenv and shell quoting turn ' into '\''; Python's shlex.quote into '"'"'; YAML single quotes double it.
  add('shell', text.replace(/'/g, "'\\''"))
  add('shell-shlex', text.replace(/'/g, `'"'"'`))
  add('yaml', text.replace(/'/g, "''"))
  forms.push(...(full ? [...base64Forms(text), ...base64Forms(`${text}\n`, '-newline')] : base64Forms(text).slice(0, 1)))
  const seen = new Set<string>()
  return forms.filter((form) => form.text !== '' && !seen.has(form.text) && seen.add(form.text) !== undefined)
}

function unicodeEscape(code: number, hexCase: HexCase): string {
  return `\\u${hex(code, 4, hexCase)}`
}

function hex(value: number, width: number, hexCase: HexCase): string {
  const digits = value.toString(16).padStart(width, '0')
  return hexCase === 'upper' ? digits.toUpperCase() : digits
}

function pairedSurrogate(text: string, i: number): boolean {
  const code = text.charCodeAt(i)
  if (code <= 0xdbff) {
    const next = text.charCodeAt(i + 1)
    return next >= 0xdc00 && next <= 0xdfff
  }
  const previous = text.charCodeAt(i - 1)
  return previous >= 0xd800 && previous <= 0xdbff
}
