import { describe, expect, it } from 'vitest'
import { formatParameters } from './format'
import { parseJsonExact, parseYamlExact } from './parse'
import { ExactNumber, numberFromToken, numberText, plainValue, workerJson } from './worker-numbers'

/**
 * Each row: a JSON number token, the text the worker prints for it, and the Rust function that decides it.
 * serde_json `de.rs` `parse_integer`/`parse_number` (u64, i64 or f64), `ser.rs` `serialize_f64` →
 * ryu `pretty::format64` (layout), serde_json `Number`'s `Display` (the dotenv text of
 * `parameter_passing.rs` `flatten_parameters`).
 */
const TOKENS: readonly (readonly [token: string, worker: string, source: string])[] = [
  ['0', '0', 'de.rs parse_number: U64'],
  ['42', '42', 'de.rs parse_number: U64'],
  ['-7', '-7', 'de.rs parse_number: I64 (wrapping_neg < 0)'],
  ['9007199254740991', '9007199254740991', 'de.rs parse_number: U64, 2^53 - 1'],
  ['9007199254740993', '9007199254740993', 'de.rs parse_number: U64 above 2^53 keeps its digits'],
  ['12345678901234567890', '12345678901234567890', 'de.rs parse_number: U64'],
  ['18446744073709551615', '18446744073709551615', 'de.rs parse_integer: u64::MAX still U64'],
  ['18446744073709551616', '1.8446744073709552e19', 'de.rs parse_integer: overflow → parse_long_integer (F64)'],
  ['-9223372036854775808', '-9223372036854775808', 'de.rs parse_number: i64::MIN'],
  ['-9223372036854775809', '-9.223372036854776e18', 'de.rs parse_number: wrapping_neg >= 0 → F64'],
  ['-0', '-0.0', 'de.rs parse_number: -0 → F64(-0.0)'],
  ['1.0', '1.0', 'ryu format64: 0 <= k && kk <= 16'],
  ['-1.0', '-1.0', 'ryu format64: sign'],
  ['0.0', '0.0', 'ryu format64: zero'],
  ['2.5', '2.5', 'ryu format64: 0 < kk <= 16'],
  ['1.50', '1.5', 'ryu format64: shortest digits'],
  ['100.0', '100.0', 'ryu format64: 0 <= k && kk <= 16'],
  ['1e2', '100.0', 'de.rs parse_exponent: F64'],
  ['1E+2', '100.0', 'de.rs parse_exponent: F64'],
  ['1e15', '1000000000000000.0', 'ryu format64: kk = 16'],
  ['1e16', '1e16', 'ryu format64: length == 1, kk > 16'],
  ['1.5e16', '1.5e16', 'ryu format64: general exponent form'],
  ['1e20', '1e20', 'ryu format64: length == 1'],
  ['123456789.125e10', '1.23456789125e18', 'ryu format64: general exponent form'],
  ['0.001', '0.001', 'ryu format64: -5 < kk <= 0'],
  ['0.00001', '0.00001', 'ryu format64: kk = -4'],
  ['0.000001', '1e-6', 'ryu format64: kk = -5 → exponent form'],
  ['1.5e-7', '1.5e-7', 'ryu format64: negative exponent'],
  ['0.1', '0.1', 'ryu format64: shortest round-trip digits'],
  ['3.141592653589793238', '3.141592653589793', 'ryu format64: shortest round-trip digits of the double'],
  ['1.7976931348623157e308', '1.7976931348623157e308', 'ryu format64: f64::MAX'],
  ['5e-324', '5e-324', 'ryu format64: smallest subnormal']
]

describe('numberFromToken / numberText: the text the worker prints', () => {
  it.each(TOKENS)('%s → %s (%s)', (token, worker) => {
    expect(numberText(numberFromToken(token))).toBe(worker)
  })

  it('keeps a plain number only where JavaScript prints the same text', () => {
    expect(numberFromToken('42')).toBe(42)
    expect(numberFromToken('2.5')).toBe(2.5)
    expect(numberFromToken('1.0')).toEqual(new ExactNumber('1.0'))
    expect(numberFromToken('12345678901234567890')).toEqual(new ExactNumber('12345678901234567890'))
  })

  it('refuses what serde_json refuses (an f64 out of range) and non-JSON tokens', () => {
    expect(() => numberFromToken('1e400')).toThrow(/out of range/)
    expect(() => numberFromToken('+1')).toThrow(/not a JSON number/)
    expect(() => numberFromToken('01')).toThrow(/not a JSON number/)
  })

  it('prints plain JavaScript numbers as the worker would print the same JSON token', () => {
    expect([3, -3, 2.5, 1e21, 1e-7, 0.1].map((value) => numberText(value))).toEqual(['3', '-3', '2.5', '1e21', '1e-7', '0.1'])
  })
})

describe('parameter documents (parameter_passing.rs format_json / format_yaml / format_dotenv)', () => {
  const params = parseJsonExact('{"ratio": 1.0, "big": 12345678901234567890, "n": 3, "list": [1.0, 2], "nested": {"x": 1e20}}') as Record<string, unknown>

  it('format_json: serde_json::to_string keeps float and u64 texts', () => {
    expect(formatParameters(params, 'json')).toBe('{"ratio":1.0,"big":12345678901234567890,"n":3,"list":[1.0,2],"nested":{"x":1e20}}')
  })

  it('format_yaml: serde_yaml writes the same number texts, unquoted', () => {
    expect(formatParameters(params, 'yaml')).toBe('ratio: 1.0\nbig: 12345678901234567890\nn: 3\nlist:\n  - 1.0\n  - 2\nnested:\n  x: 1e20\n')
  })

  it('format_dotenv: flatten_parameters uses Number::to_string, arrays serde_json::to_string', () => {
    expect(formatParameters(params, 'dotenv')).toBe("big='12345678901234567890'\nlist='[1.0,2]'\nn='3'\nnested.x='1e20'\nratio='1.0'")
  })

  it('a later duplicate key wins, as with JSON.parse', () => {
    expect(workerJson(parseJsonExact('{"a": 1.0, "a": 2.0}'))).toBe('{"a":2.0}')
  })

  it('YAML files keep JSON-form numbers; YAML-only forms stay as yaml reads them', () => {
    expect(workerJson(parseYamlExact('ratio: 1.0\nbig: 12345678901234567890\nhex: 0x1F\n'))).toBe('{"ratio":1.0,"big":12345678901234567890,"hex":31}')
  })

  it('plainValue gives validation and views plain doubles', () => {
    expect(plainValue(params)).toEqual({ ratio: 1, big: Number('12345678901234567890'), n: 3, list: [1, 2], nested: { x: 1e20 } })
  })
})
