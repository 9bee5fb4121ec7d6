import { describeType, isRecord, type YamlSource } from '../catalog/yaml-fields'
import { parseConstraint } from '../versions'
import type { Report } from './pack-loader-report'

/** The largest `timeout_seconds` the worker accepts (it parses an i32). */
const MAX_TIMEOUT_SECONDS = 2_147_483_647

/**
 * Read a lower-cased choice (`parameter_delivery`, `parameter_format`, `output_format`; spec §1.12).
 *
 * Anything outside `allowed` is an error naming the value, and `fallback` is used.
 */
export function readChoice<T extends string>(
  doc: Record<string, unknown>,
  key: string,
  allowed: readonly T[],
  fallback: T,
  report: Report,
  hints: Readonly<Record<string, string>> = {}
): T {
  const value = doc[key]
  if (value === undefined || value === null) return fallback
  const list = allowed.join(', ')
  if (typeof value !== 'string') {
    report([key], `must be one of ${list}, found ${describeType(value)}; '${fallback}' is used`)
    return fallback
  }
  const lower = value.toLowerCase()
  const known = allowed.find((choice) => choice === lower)
  if (known) return known
  const hint = hints[lower] ? ` (${hints[lower]})` : ''
  report([key], `'${value}' is not supported${hint}; use one of ${list}; '${fallback}' is used`)
  return fallback
}

/** `timeout_seconds`: a positive whole number of seconds, or null when absent or invalid (reported). */
export function readTimeoutSeconds(value: unknown, report: Report): number | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= MAX_TIMEOUT_SECONDS) return value
  const why = typeof value === 'number' && Number.isInteger(value) && value <= 0 ? 'must be greater than zero' : 'must be a whole number of seconds'
  report(['timeout_seconds'], `${why}, found ${describeType(value)}; ignored (a worker refuses to load the pack for this)`)
  return null
}

/** `enabled`: true unless `false`. The worker reads anything that is not a boolean as true. */
export function readEnabled(value: unknown, report: Report): boolean {
  if (value === undefined || value === null) return true
  if (typeof value === 'boolean') return value
  report(['enabled'], `must be true or false, found ${describeType(value)}; read as true, as a worker does`)
  return true
}

/**
 * `runtime_version` → the action's constraint (spec §1.12, grammar §2.2).
 *
 * An invalid constraint is reported with the grammar's message and kept as written (a worker stores it too).
 * A number is dropped: YAML reads an unquoted `3.10` as 3.1, and the worker ignores a non-text value.
 */
export function readRuntimeVersion(value: unknown, source: YamlSource, report: Report): string | null {
  if (value === undefined || value === null) return null
  if (typeof value === 'number') {
    const written = source.sourceOf(['runtime_version']) ?? String(value)
    report(['runtime_version'], `is the number ${written}, not text: YAML reads it unquoted as ${String(value)} and a worker ignores a runtime_version that is not text; quote it: "${written}"`)
    return null
  }
  if (typeof value !== 'string') {
    report(['runtime_version'], `must be a version constraint such as ">=3.12", found ${describeType(value)}; ignored`)
    return null
  }
  if (value.trim() === '') return null
  checkConstraint(value, ['runtime_version'], report)
  return value
}

/**
 * `required_worker_runtimes`: runtime name or alias → constraint, `"*"` meaning any version (spec §1.3).
 *
 * Invalid constraints are reported and kept as written; non-text values are reported and dropped.
 */
export function readRequiredWorkerRuntimes(value: unknown, source: YamlSource, report: Report): Record<string, string> {
  const at = 'required_worker_runtimes'
  if (value === undefined || value === null) return {}
  if (!isRecord(value)) {
    report([at], `must be a mapping of runtime names to version constraints (or "*"), such as {python: ">=3.11"}, found ${describeType(value)}; ignored`)
    return {}
  }
  const required: Record<string, string> = {}
  for (const [name, constraint] of Object.entries(value)) {
    if (typeof constraint === 'string') {
      if (constraint.trim() !== '*') checkConstraint(constraint, [at, name], report)
      required[name] = constraint
    } else if (typeof constraint === 'number') {
      const written = source.sourceOf([at, name]) ?? String(constraint)
      report([at, name], `is the number ${written}, not text; quote it: "${written}"; ignored`)
    } else {
      report([at, name], `must be a version constraint or "*", found ${describeType(constraint)}; ignored`)
    }
  }
  return required
}

function checkConstraint(text: string, at: readonly string[], report: Report): void {
  try {
    parseConstraint(text)
  } catch (error) {
    report(at, error instanceof Error ? error.message : String(error))
  }
}
