import type { FieldSpec } from '../../../../shared/domain/pack'
import { badInput } from '../../errors'
import type { FieldSchema } from './schema'
import { typeWithArticle } from './text'
import { parseJsonExact } from './parse'
import { numberFromToken } from './worker-numbers'

/** One `key=value` argument turned into a typed parameter. */
export interface CliParameter {
  readonly key: string
  readonly value: unknown
}

/**
 * Turn a CLI `key=value` into a typed value using the declared `type` of `key`.
 *
 * integer `3` → 3, number `2.5` → 2.5 (`1.0` and integers above 2^53 as `ExactNumber`, kept as written), boolean `true`/`false` (any case) → true/false, array and
 * object as JSON text, string as is. A key without a declared type (or not declared at all) stays
 * text. The value is everything after the first `=`, so `url=https://x/?a=b` works.
 * Throws a `bad-input` error naming the key and the expected type (never the value of a secret).
 */
export function coerceCliParameter(schema: FieldSchema, argument: string): CliParameter {
  const equals = argument.indexOf('=')
  if (equals <= 0) {
    throw badInput(`parameter '${argument}' must be written key=value (for example count=3)`)
  }
  const key = argument.slice(0, equals)
  const raw = argument.slice(equals + 1)
  const spec: FieldSpec | undefined = schema?.[key]
  const type = spec?.type
  if (type === undefined || type === 'string') return { key, value: raw }
  const value = coerce(type, raw)
  if (value === undefined) {
    const shown = spec?.secret === true ? 'the given value' : `'${raw}'`
    throw badInput(`parameter '${key}' must be ${typeWithArticle(type)}${hint(type)}; ${shown} is not`)
  }
  return { key, value }
}

/** Several `key=value` arguments into one document; a later key wins, as on a command line. */
export function coerceCliParameters(schema: FieldSchema, argumentsList: readonly string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const argument of argumentsList) {
    const { key, value } = coerceCliParameter(schema, argument)
    params[key] = value
  }
  return params
}

function coerce(type: Exclude<FieldSpec['type'], undefined | 'string'>, raw: string): unknown {
  const text = raw.trim()
  switch (type) {
    case 'integer': {
      if (!/^[+-]?\d+$/.test(text)) return undefined
      // Digits the worker keeps as an integer (i64 or u64); a value beyond them would become a float there.
      const value = BigInt(text)
      return value >= -(2n ** 63n) && value < 2n ** 64n ? numberFromToken(value.toString()) : undefined
    }
    case 'number': {
      if (text === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined
      if (!Number.isFinite(Number(text))) return undefined
      return numberFromToken(jsonToken(text))
    }
    case 'boolean': {
      const lower = text.toLowerCase()
      return lower === 'true' ? true : lower === 'false' ? false : undefined
    }
    case 'array':
    case 'object': {
      const parsed = parseJson(text)
      if (type === 'array') return Array.isArray(parsed) ? parsed : undefined
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined
    }
    default:
      return assertNever(type)
  }
}

/** `+1.` → `1.0`, `.5` → `0.5`, `007` → `7`: the JSON token of a number written on the command line, as text so `1.0` stays a float. */
function jsonToken(text: string): string {
  const unsigned = text.replace(/^[+-]/, '')
  const sign = text.startsWith('-') ? '-' : ''
  const [, whole = '', fraction, exponent = ''] = /^(\d*)(?:\.(\d*))?([eE].*)?$/.exec(unsigned) ?? []
  const integer = whole.replace(/^0+(?=\d)/, '') || '0'
  const point = fraction === undefined ? '' : `.${fraction === '' ? '0' : fraction}`
  return `${sign}${integer}${point}${exponent.replace('+', '')}`
}

function hint(type: NonNullable<FieldSpec['type']>): string {
  switch (type) {
    case 'boolean':
      return ' (true or false)'
    case 'array':
      return ' written as JSON (for example ["a","b"])'
    case 'object':
      return ' written as JSON (for example {"key":"value"})'
    default:
      return ''
  }
}

function parseJson(text: string): unknown {
  try {
    JSON.parse(text)
    return parseJsonExact(text)
  } catch {
    return undefined
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected parameter type ${String(value)}`)
}
