import { isRecord } from '../catalog/yaml-fields'

/**
 * A YAML number as written (`1.0`, `0x10`, `9223372036854775807`), kept so the worker's reading of it can be
 * applied exactly: YAML turns `1.0` into the same JavaScript number as `1`, and big integers lose digits.
 */
export interface WrittenNumber {
  readonly yamlNumber: string
}

const I64_MIN = -(2n ** 63n)
const I64_MAX = 2n ** 63n - 1n
const YAML_INT = /^([-+]?)(?:0x([0-9a-fA-F]+)|0o([0-7]+)|([0-9]+))$/

/**
 * `serde_json::Value::as_i64` of a catalog number: integers within i64 only; a float (`1.0`), a
 * string or anything else is null, so the worker's `unwrap_or(default)` applies.
 */
export function rustAsI64(value: unknown): bigint | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : null
  if (!isRecord(value) || typeof value.yamlNumber !== 'string') return null
  const match = YAML_INT.exec(value.yamlNumber.trim())
  if (!match) return null
  const [, sign, hex, octal, decimal] = match
  const magnitude = hex !== undefined ? BigInt(`0x${hex}`) : octal !== undefined ? BigInt(`0o${octal}`) : BigInt(decimal ?? '0')
  const signed = sign === '-' ? -magnitude : magnitude
  return signed >= I64_MIN && signed <= I64_MAX ? signed : null
}

/** Rust's `as i32` on an i64: the low 32 bits, two's complement (`4294967297 as i32` is 1). */
export function rustAsI32(value: bigint): number {
  return Number(BigInt.asIntN(32, value))
}

/**
 * The verification commands of a `distributions` mapping with their `exit_code` and `priority` numbers
 * that JavaScript would misread (`1.0`, `1e3`, `0x10`, past 2^53) replaced by {@link WrittenNumber}s
 * holding the YAML text, so {@link rustAsI64} sees what was written.
 */
export function keepWrittenNumbers(
  distributions: Readonly<Record<string, unknown>>,
  sourceOf: (path: readonly (string | number)[]) => string | null,
  at: readonly (string | number)[]
): Readonly<Record<string, unknown>> {
  const verification = distributions.verification
  if (!isRecord(verification) || !Array.isArray(verification.commands)) return distributions
  const commands = verification.commands.map((entry: unknown, index) => {
    if (!isRecord(entry)) return entry
    const kept: Record<string, unknown> = { ...entry }
    for (const key of ['exit_code', 'priority']) {
      const value = entry[key]
      if (typeof value !== 'number') continue
      const written = sourceOf([...at, 'verification', 'commands', index, key]) ?? String(value)
      // A plain decimal integer that JavaScript holds exactly stays a number (what the stored row shows).
      if (/^-?[0-9]+$/.test(written) && Number.isSafeInteger(value)) continue
      kept[key] = { yamlNumber: written } satisfies WrittenNumber
    }
    return kept
  })
  return { ...distributions, verification: { ...verification, commands } }
}
