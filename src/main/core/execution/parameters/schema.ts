import type { FieldSpec } from '../../../../shared/domain/pack'

/** An action's flat parameter or output schema (spec §1.3); null when the action declares none. */
export type FieldSchema = Readonly<Record<string, FieldSpec>> | null

/** One finding about one parameter. */
export interface ParameterIssue {
  readonly parameter: string
  readonly message: string
}

/**
 * The parameters with each declared `default` filled in where the key is absent.
 *
 * A key present with any value (null included) is kept as given. Defaults are copied, so a run that
 * changes its document cannot change the schema. The input is not modified.
 */
export function applyDefaults(schema: FieldSchema, params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const filled: Record<string, unknown> = { ...params }
  for (const [name, spec] of Object.entries(schema ?? {})) {
    if (filled[name] === undefined && spec.default !== undefined) filled[name] = structuredClone(spec.default)
  }
  return filled
}

/** Names of the parameters declared `secret: true`, in schema order. */
export function secretNames(schema: FieldSchema): string[] {
  return Object.entries(schema ?? {})
    .filter(([, spec]) => spec.secret === true)
    .map(([name]) => name)
}

/** The mask that stands for a secret value everywhere (logs, output, stored parameters). */
export const SECRET_MASK = '***'

/**
 * A copy of `value` with each top-level field declared secret in `schema` replaced by {@link SECRET_MASK}
 * (spec §5.7: parsed `data` fields marked `secret: true` in `out_schema`). Anything but a mapping is returned
 * as is; absent fields stay absent.
 */
export function maskSecretFields(schema: FieldSchema, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  const masked: Record<string, unknown> = { ...(value as Record<string, unknown>) }
  for (const name of secretNames(schema)) {
    if (Object.prototype.hasOwnProperty.call(masked, name)) masked[name] = SECRET_MASK
  }
  return masked
}
