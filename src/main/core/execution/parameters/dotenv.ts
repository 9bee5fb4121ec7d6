import { ExactNumber, numberText, workerJson } from './worker-numbers'

/**
 * The `dotenv` parameter format (spec §5.6).
 *
 * Nested mappings are flattened with dotted keys (`headers.Content-Type`), arrays become JSON text, null
 * becomes the empty string and an empty mapping produces no line. Each line is `key='value'` with `'`
 * written `'\''`; lines are sorted and joined with `\n`. Key case is kept.
 *
 * `parameter_passing.rs` `flatten_parameters` collects into a map, so keys that collide after flattening
 * (`{"a.b": 1, "a": {"b": 2}}`) give one line, not two; which value wins follows the worker's `HashMap`
 * order, which is random per process, so here the one flattened last wins.
 */
export function formatDotenv(params: Readonly<Record<string, unknown>>): string {
  const flattened = new Map<string, string>()
  flatten('', params, (key, value) => flattened.set(key, value))
  const lines = [...flattened].map(([key, value]) => `${key}=${singleQuote(value)}`)
  return lines.sort(compareCodePoints).join('\n')
}

/** `'text'` with every `'` written `'\''`, as POSIX shells read it. */
export function singleQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}

/**
 * A scalar as dotenv and shell helpers write it: strings raw, numbers as the worker prints them (`1.0`),
 * booleans as text, others as JSON (`flatten_parameters`: `n.to_string()`, `serde_json::to_string`).
 */
export function scalarText(value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'number' || value instanceof ExactNumber) return numberText(value)
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  return value === undefined || typeof value === 'function' || typeof value === 'symbol' ? '' : workerJson(value)
}

function flatten(prefix: string, value: Readonly<Record<string, unknown>>, emit: (key: string, text: string) => void): void {
  for (const [name, entry] of Object.entries(value)) {
    const key = prefix === '' ? name : `${prefix}.${name}`
    if (entry === null || entry === undefined) emit(key, '')
    else if (typeof entry === 'object' && !Array.isArray(entry) && !(entry instanceof ExactNumber)) flatten(key, entry as Record<string, unknown>, emit)
    else emit(key, scalarText(entry))
  }
}

/** Byte order of UTF-8, as the worker sorts (plain `<` compares UTF-16 units, which differs above U+FFFF). */
function compareCodePoints(a: string, b: string): number {
  const left = Buffer.from(a, 'utf8')
  const right = Buffer.from(b, 'utf8')
  return Buffer.compare(left, right)
}
