import { compilePattern, limitProblem } from '../../../shared/domain/field-limits'
import type { FieldSpec } from '../../../shared/domain/pack'
import { describeType, isRecord } from '../catalog/yaml-fields'
import type { Report, YamlPath } from './pack-loader-report'

type FieldType = NonNullable<FieldSpec['type']>

export const FIELD_TYPES: readonly FieldType[] = ['string', 'integer', 'number', 'boolean', 'array', 'object']

/**
 * Read a flat schema (`parameters`, `output`; spec §1.3): `{ name: { type, required, secret, default, enum, description } }`.
 *
 * Returns null when the key is absent. A bad entry is reported and kept with what could be read; a default
 * that does not match its type or enum is reported and dropped, so a run never receives it.
 */
export function readFieldSpecs(value: unknown, at: YamlPath, report: Report): Record<string, FieldSpec> | null {
  if (value === undefined || value === null) return null
  if (!isRecord(value)) {
    report(at, `must be a mapping of field names to {type, required, secret, default, enum, description}, found ${describeType(value)}; ignored`)
    return {}
  }
  if (looksLikeJsonSchema(value)) {
    report(at, `looks like JSON Schema (type: object with properties); Attune reads a flat schema instead: each key is a field name mapped to {type, required, secret, default, enum, description}; ignored`)
    return {}
  }
  const specs: Record<string, FieldSpec> = {}
  for (const [name, entry] of Object.entries(value)) {
    specs[name] = readFieldSpec(entry, [...at, name], report)
  }
  return specs
}

/** Whether `value` is of the flat-schema `type`. */
export function matchesFieldType(value: unknown, type: FieldType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string'
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value)
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    case 'boolean':
      return typeof value === 'boolean'
    case 'array':
      return Array.isArray(value)
    case 'object':
      return isRecord(value)
    default:
      return assertNever(type)
  }
}

function readFieldSpec(entry: unknown, at: YamlPath, report: Report): FieldSpec {
  if (entry === null || entry === undefined) return {}
  if (!isRecord(entry)) {
    report(at, `must be a mapping such as {type: string, default: ...}, found ${describeType(entry)}; the field is kept without a type`)
    return {}
  }
  const spec: Mutable<FieldSpec> = {}
  const type = readType(entry.type, [...at, 'type'], report)
  if (type) spec.type = type
  for (const key of ['required', 'secret'] as const) {
    const flag = entry[key]
    if (flag === undefined || flag === null) continue
    if (typeof flag === 'boolean') spec[key] = flag
    else report([...at, key], `must be true or false, found ${describeType(flag)}; read as false`)
  }
  if (entry.description !== undefined && entry.description !== null) {
    if (typeof entry.description === 'string') spec.description = entry.description
    else report([...at, 'description'], `must be text, found ${describeType(entry.description)}; ignored`, 'warning')
  }
  const choices = readEnum(entry.enum, type, [...at, 'enum'], report)
  if (choices) spec.enum = choices
  readLimits(entry, spec, at, report)
  if (entry.default !== undefined && entry.default !== null) {
    const fallback = entry.default
    if (type && !matchesFieldType(fallback, type)) {
      report([...at, 'default'], `must be ${article(type)} (type: ${type}), found ${describeType(fallback)}; the default is ignored`)
    } else if (choices && !choices.some((choice) => sameValue(choice, fallback))) {
      report([...at, 'default'], `${show(fallback)} is not one of the enum values (${choices.map(show).join(', ')}); the default is ignored`)
    } else if (limitProblem(spec, fallback) !== null) {
      report([...at, 'default'], `${limitProblem(spec, fallback) ?? ''}; the default is ignored`)
    } else {
      spec.default = fallback
    }
  }
  return spec
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** `minimum`, `maximum` (numbers), `minLength`, `maxLength`, `position` (whole numbers >= 0), `pattern`. */
function readLimits(entry: Record<string, unknown>, spec: Mutable<FieldSpec>, at: YamlPath, report: Report): void {
  for (const key of ['minimum', 'maximum'] as const) {
    const value = entry[key]
    if (value === undefined || value === null) continue
    if (typeof value === 'number' && Number.isFinite(value)) spec[key] = value
    else report([...at, key], `must be a number, found ${describeType(value)}; ignored`)
  }
  for (const key of ['minLength', 'maxLength', 'position'] as const) {
    const value = entry[key]
    if (value === undefined || value === null) continue
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) spec[key] = value
    else report([...at, key], `must be a whole number of 0 or more, found ${describeType(value)}; ignored`)
  }
  if (spec.minimum !== undefined && spec.maximum !== undefined && spec.minimum > spec.maximum) {
    report([...at, 'maximum'], `${spec.maximum} is below minimum ${spec.minimum}: no value can fit`)
  }
  if (entry.pattern === undefined || entry.pattern === null) return
  if (typeof entry.pattern !== 'string') report([...at, 'pattern'], `must be a regular expression as text, found ${describeType(entry.pattern)}; ignored`)
  else if (compilePattern(entry.pattern) === null) report([...at, 'pattern'], `'${entry.pattern}' is not a valid regular expression; ignored`)
  else spec.pattern = entry.pattern
}

function readType(value: unknown, at: YamlPath, report: Report): FieldType | null {
  if (value === undefined || value === null) return null
  const known = FIELD_TYPES.find((type) => type === value)
  if (known) return known
  report(at, `must be one of ${FIELD_TYPES.join(', ')}, found ${describeType(value)}; the field is kept without a type`)
  return null
}

function readEnum(value: unknown, type: FieldType | null, at: YamlPath, report: Report): unknown[] | null {
  if (value === undefined || value === null) return null
  if (!Array.isArray(value)) {
    report(at, `must be a list of allowed values, found ${describeType(value)}; ignored`)
    return null
  }
  if (type) {
    value.forEach((choice: unknown, index) => {
      if (!matchesFieldType(choice, type)) report([...at, index], `must be ${article(type)} (type: ${type}), found ${describeType(choice)}`)
    })
  }
  return value
}

function looksLikeJsonSchema(value: Record<string, unknown>): boolean {
  return value.type === 'object' && isRecord(value.properties)
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b)
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value)
}

function article(type: FieldType): string {
  return type === 'integer' || type === 'array' || type === 'object' ? `an ${type}` : `a ${type}`
}

function assertNever(value: never): never {
  throw new Error(`unexpected field type ${String(value)}`)
}
