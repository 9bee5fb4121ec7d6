import type { FieldSpec } from './pack'

/**
 * What is wrong with `value` against the field's JSON Schema limits (`minimum`, `maximum`, `minLength`,
 * `maxLength`, `pattern`), as the end of a sentence (`must be at most 1, found 1.5`); null when it fits.
 *
 * The worker's API turns the flat schema into JSON Schema and validates with it, so these keywords are
 * enforced there; the form, the CLI and IPC use this one function so they refuse the same values. Limits
 * apply only to values of the kind they speak of (numbers, texts), as in JSON Schema. A secret's value is
 * never shown. Lengths count characters (code points), as JSON Schema does.
 */
export function limitProblem(spec: FieldSpec, value: unknown): string | null {
  const shown = (text: string): string => (spec.secret === true ? '' : `, found ${text}`)
  if (typeof value === 'number') {
    if (spec.minimum !== undefined && value < spec.minimum) return `must be at least ${spec.minimum}${shown(String(value))}`
    if (spec.maximum !== undefined && value > spec.maximum) return `must be at most ${spec.maximum}${shown(String(value))}`
  }
  if (typeof value === 'string') {
    const length = [...value].length
    if (spec.minLength !== undefined && length < spec.minLength) return `must be at least ${characters(spec.minLength)} long${shown(characters(length))}`
    if (spec.maxLength !== undefined && length > spec.maxLength) return `must be at most ${characters(spec.maxLength)} long${shown(characters(length))}`
    const pattern = spec.pattern === undefined ? null : compilePattern(spec.pattern)
    if (pattern !== null && !pattern.test(value)) return `must match the pattern ${spec.pattern}${shown(`'${value.length > 60 ? `${value.slice(0, 60)}…` : value}'`)}`
  }
  return null
}

/** The pattern as a regular expression (Unicode mode, unanchored); null when it does not compile. */
export function compilePattern(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'u')
  } catch {
    return null
  }
}

/** The limits of a field in words (`0 to 1`, `2 to 8 characters`, `pattern ^[a-z]+$`), for a form's hint. */
export function describeLimits(spec: FieldSpec): string[] {
  const parts: string[] = []
  if (spec.minimum !== undefined && spec.maximum !== undefined) parts.push(`${spec.minimum} to ${spec.maximum}`)
  else if (spec.minimum !== undefined) parts.push(`at least ${spec.minimum}`)
  else if (spec.maximum !== undefined) parts.push(`at most ${spec.maximum}`)
  if (spec.minLength !== undefined && spec.maxLength !== undefined) parts.push(`${spec.minLength} to ${characters(spec.maxLength)}`)
  else if (spec.minLength !== undefined) parts.push(`at least ${characters(spec.minLength)}`)
  else if (spec.maxLength !== undefined) parts.push(`at most ${characters(spec.maxLength)}`)
  if (spec.pattern !== undefined) parts.push(`pattern ${spec.pattern}`)
  return parts
}

function characters(count: number): string {
  return `${count} character${count === 1 ? '' : 's'}`
}
