/**
 * Numbers in parameter documents as the worker prints them.
 *
 * The worker holds parameters as `serde_json::Value` (`parameter_passing.rs` `format_parameters`): a JSON
 * integer is a `u64` or `i64` and keeps all its digits, anything else is an `f64`, and every writer (JSON,
 * YAML, dotenv, shell helpers) prints an `f64` with the `ryu` crate: `1.0`, `1e20`, `1e-6`. A JavaScript
 * number cannot tell `1.0` from `1` nor hold `12345678901234567890`, so a number whose worker text a
 * JavaScript number would not print back is kept as an {@link ExactNumber} from the parse onwards.
 * Limit: the workspace's serde_json is built without `float_roundtrip`, so a decimal with more than 19
 * significant digits may be read one ULP off there; here every decimal is read correctly rounded.
 */

import { MAX_JSON_DEPTH } from './json-shape'

/** A number kept as the text the worker prints for it; `value` is the nearest double, for validation. */
export class ExactNumber {
  constructor(readonly text: string) {}

  get value(): number {
    return Number(this.text)
  }
}

/** A JSON number token (RFC 8259). */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/
/** Whether `text` is one JSON number token. */
export function isJsonNumberToken(text: string): boolean {
  return JSON_NUMBER.test(text)
}

const U64_MAX = 2n ** 64n - 1n
const I64_MIN_MAGNITUDE = 2n ** 63n

/**
 * The worker's reading of one JSON number token: a plain number when JavaScript prints it the same, else
 * an {@link ExactNumber}. serde_json `de.rs` `parse_integer`/`parse_number`: digits up to u64::MAX stay a
 * `u64`; a negative one whose magnitude is 1..=2^63 is an `i64`; `-0`, larger magnitudes, fractions and
 * exponents are `f64`. Throws for a token that is not a JSON number or (like serde_json) an out-of-range `f64`.
 */
export function numberFromToken(token: string): number | ExactNumber {
  const match = JSON_NUMBER.exec(token)
  if (match === null) throw new Error(`'${token}' is not a JSON number`)
  const text = match[1] === undefined && match[2] === undefined ? integerText(token) : floatText(Number(token))
  if (text === null) throw new Error(`the number ${token} is out of range (the worker's JSON reader refuses it)`)
  const plain = Number(token)
  return numberText(plain) === text ? plain : new ExactNumber(text)
}

/** The text the worker prints for a number: exact text kept, safe integers as digits, others as `ryu` does. */
export function numberText(value: number | ExactNumber): string {
  if (value instanceof ExactNumber) return value.text
  if (Number.isSafeInteger(value) && !Object.is(value, -0)) return String(value)
  return floatText(value) ?? 'null'
}

/**
 * A plain copy of a parameter value with every {@link ExactNumber} as its nearest double (for checks and
 * views). Below {@link MAX_JSON_DEPTH} levels the value is left as it is: validation refuses it anyway,
 * and a cycle or a document nested a hundred thousand deep must not overflow the stack here first.
 */
export function plainValue(value: unknown, depth = 0): unknown {
  if (value instanceof ExactNumber) return value.value
  if (depth > MAX_JSON_DEPTH || typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map((entry) => plainValue(entry, depth + 1))
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, plainValue(entry, depth + 1)]))
}

/** The mapping with {@link plainValue} applied to each entry. */
export function plainParameters(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return plainValue(params) as Record<string, unknown>
}

/**
 * A value as compact JSON the way `serde_json::to_string` writes it: numbers by {@link numberText},
 * everything else as `JSON.stringify` writes it (same escapes). Written by hand because Node 20 has no
 * `JSON.rawJSON`, and no installed library prints number tokens verbatim.
 */
export function workerJson(value: unknown): string {
  if (value instanceof ExactNumber || typeof value === 'number') return numberText(value)
  if (Array.isArray(value)) return `[${value.map((entry) => (entry === undefined ? 'null' : workerJson(entry))).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).filter(([, entry]) => entry !== undefined)
    return `{${members.map(([key, entry]) => `${JSON.stringify(key)}:${workerJson(entry)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

function integerText(token: string): string | null {
  const negative = token.startsWith('-')
  const magnitude = BigInt(negative ? token.slice(1) : token)
  if (!negative) return magnitude <= U64_MAX ? magnitude.toString() : floatText(Number(token))
  if (magnitude === 0n || magnitude > I64_MIN_MAGNITUDE) return floatText(Number(token))
  return `-${magnitude.toString()}`
}

/**
 * `ryu` `pretty::format64` (what serde_json and serde_yaml use for a finite `f64`): the shortest digits
 * that read back as the same double (JavaScript's `toExponential()` finds the same ones), laid out as
 * `1.0`, `0.001`, `1e16`, `1.5e-7`. Null for a non-finite value.
 */
function floatText(value: number): string | null {
  if (!Number.isFinite(value)) return null
  const sign = value < 0 || Object.is(value, -0) ? '-' : ''
  const [mantissa = '0', exponent = '0'] = Math.abs(value).toExponential().split('e')
  const digits = mantissa.replace('.', '')
  const length = digits.length
  const point = Number(exponent) + 1 // where the decimal point goes, counted from the first digit
  const shift = point - length // the power of ten of the last digit
  if (shift >= 0 && point <= 16) return `${sign}${digits}${'0'.repeat(shift)}.0`
  if (point > 0 && point <= 16) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`
  if (point > -5 && point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`
  const rest = length === 1 ? '' : `.${digits.slice(1)}`
  return `${sign}${digits[0]}${rest}e${point - 1}`
}
