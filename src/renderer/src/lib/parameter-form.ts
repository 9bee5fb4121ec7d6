import { describeLimits, limitProblem } from '../../../shared/domain/field-limits'
import type { FieldSpec } from '../../../shared/domain/pack'

/** How one parameter of the flat schema (spec §1.3) is entered. */
export type FieldKind = 'text' | 'secret' | 'integer' | 'number' | 'boolean' | 'select' | 'json'

export interface FormField {
  readonly name: string
  readonly kind: FieldKind
  readonly required: boolean
  readonly description: string | null
  /** For `select`: each choice as shown and its value. */
  readonly options: readonly { readonly label: string; readonly value: unknown }[]
  readonly defaultValue: unknown
  readonly type: FieldSpec['type'] | undefined
  /** The limits in words (`0 to 1`, `pattern ^[a-z]+$`), for the hint. */
  readonly limits: readonly string[]
  /** The schema entry, for the limit checks the engine also makes. */
  readonly spec: FieldSpec
}

/**
 * Form fields from an action's parameter schema, in declaration order; fields with a `position` come first,
 * by position (the YAML's key order is kept by the loader and by JSON).
 */
export function formFields(parameters: Readonly<Record<string, FieldSpec>>): FormField[] {
  return Object.entries(parameters)
    .map(([name, spec]) => ({
      name,
      kind: kindOf(spec),
      required: spec.required === true,
      description: spec.description ?? null,
      options: (spec.enum ?? []).map((value) => ({ label: typeof value === 'string' ? value : JSON.stringify(value), value })),
      defaultValue: spec.default,
      type: spec.type,
      limits: describeLimits(spec),
      spec
    }))
    .sort(byPosition)
}

/** Positioned fields first, by position; the rest keep declaration order (the sort is stable). */
function byPosition(a: FormField, b: FormField): number {
  if (a.spec.position === undefined || b.spec.position === undefined) return Number(a.spec.position === undefined) - Number(b.spec.position === undefined)
  return a.spec.position - b.spec.position
}

function kindOf(spec: FieldSpec): FieldKind {
  if (spec.enum && spec.enum.length > 0) return 'select'
  if (spec.secret) return 'secret'
  switch (spec.type) {
    case 'integer':
      return 'integer'
    case 'number':
      return 'number'
    case 'boolean':
      return 'boolean'
    case 'array':
    case 'object':
      return 'json'
    default:
      return 'text'
  }
}

/**
 * The form's starting values, as the inputs hold them (strings; booleans as 'true'/'false'): the defaults,
 * or a previous run's parameters for a re-run. A secret always starts empty (it is never stored).
 */
export function initialValues(fields: readonly FormField[], previous?: Readonly<Record<string, unknown>>): Record<string, string> {
  const values: Record<string, string> = {}
  for (const field of fields) {
    const value = previous && Object.prototype.hasOwnProperty.call(previous, field.name) ? previous[field.name] : field.defaultValue
    values[field.name] = field.kind === 'secret' ? '' : textOf(field, value)
  }
  return values
}

function textOf(field: FormField, value: unknown): string {
  if (value === undefined || value === null) return field.kind === 'boolean' ? 'false' : ''
  if (field.kind === 'select') return String(field.options.findIndex((option) => JSON.stringify(option.value) === JSON.stringify(value)))
  if (field.kind === 'json') return JSON.stringify(value, null, 2)
  return String(value)
}

/**
 * Turn the inputs back into typed parameters. An empty optional field is left out (the action's
 * default applies); a missing required one or a value of the wrong type is an error naming the field.
 */
export function toParameters(
  fields: readonly FormField[],
  values: Readonly<Record<string, string>>
): { ok: true; parameters: Record<string, unknown> } | { ok: false; errors: Record<string, string> } {
  const parameters: Record<string, unknown> = {}
  const errors: Record<string, string> = {}
  for (const field of fields) {
    const raw = values[field.name] ?? ''
    if (field.kind !== 'boolean' && raw.trim() === '') {
      if (field.required) errors[field.name] = `${field.name} is required`
      continue
    }
    const converted = convert(field, raw)
    const limit = 'error' in converted ? null : limitProblem(field.spec, converted.value)
    if ('error' in converted) errors[field.name] = converted.error
    else if (limit !== null) errors[field.name] = `${field.name} ${limit}`
    else parameters[field.name] = converted.value
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, parameters }
}

function convert(field: FormField, raw: string): { value: unknown } | { error: string } {
  switch (field.kind) {
    case 'boolean':
      return { value: raw === 'true' }
    case 'integer':
      return /^-?\d+$/.test(raw.trim()) ? { value: Number(raw) } : { error: `${field.name} must be a whole number` }
    case 'number':
      return Number.isFinite(Number(raw)) ? { value: Number(raw) } : { error: `${field.name} must be a number` }
    case 'select': {
      const option = field.options[Number(raw)]
      return option ? { value: option.value } : { error: `${field.name}: choose one of the listed values` }
    }
    case 'json':
      try {
        const value: unknown = JSON.parse(raw)
        const isArray = Array.isArray(value)
        if (field.type === 'array' && !isArray) return { error: `${field.name} must be a JSON array` }
        if (field.type === 'object' && (isArray || typeof value !== 'object' || value === null)) return { error: `${field.name} must be a JSON object` }
        return { value }
      } catch {
        return { error: `${field.name} is not valid JSON` }
      }
    default:
      return { value: raw }
  }
}
