import { limitProblem } from '../../../../shared/domain/field-limits'
import type { FieldSpec } from '../../../../shared/domain/pack'
import { closestName } from '../../../../shared/text/closest-name'
import { matchesFieldType } from '../../packs/field-spec'
import { jsonShapeProblem } from './json-shape'
import type { FieldSchema, ParameterIssue } from './schema'
import { describeKind, describeValue, typeWithArticle } from './text'

/** The largest serialized size one parameter value may have (1 MiB). */
export const MAX_PARAMETER_BYTES = 1024 * 1024

/** What {@link validateParameters} found. */
export interface ParameterCheck {
  /**
   * Each one stops the run: missing required, wrong type, not in the enum, outside a limit, oversized, or
   * not declared by the action.
   */
  readonly errors: readonly ParameterIssue[]
  /** Reported only (none today; kept for callers that show both). */
  readonly warnings: readonly ParameterIssue[]
}

/**
 * Check a parameter document against the action's flat schema (spec §1.3), after {@link applyDefaults}.
 *
 * Every value must be plain JSON first (no BigInt, no cycle, at most `MAX_JSON_DEPTH` levels deep):
 * the run serializes it, and a value that cannot be serialized is refused here rather than crashing later.
 *
 * `undefined` counts as absent; `null` is a value, and of no declared type. A field without a `type`
 * accepts any value. Values larger than {@link MAX_PARAMETER_BYTES} once serialized are refused so a
 * typo such as `--param data=@huge.json` fails here, not in the pipe.
 *
 * Stricter than the worker: a key the action does not declare is refused, naming the declared parameters
 * and the closest one (the worker's API validates against JSON Schema without `additionalProperties: false`
 * and passes such keys on; here they are almost always typos).
 */
export function validateParameters(schema: FieldSchema, params: Readonly<Record<string, unknown>>): ParameterCheck {
  const errors: ParameterIssue[] = []
  const warnings: ParameterIssue[] = []
  const declared = schema ?? {}
  for (const [name, spec] of Object.entries(declared)) {
    const value = params[name]
    if (value === undefined) {
      if (spec.required === true) errors.push({ parameter: name, message: `parameter '${name}' is required` })
      continue
    }
    const problem = fieldProblem(name, spec, value)
    if (problem !== null) errors.push({ parameter: name, message: problem })
  }
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue
    if (!Object.prototype.hasOwnProperty.call(declared, name)) {
      errors.push({ parameter: name, message: undeclared(name, Object.keys(declared)) })
      const size = shapeProblem(name, value) ?? oversize(name, value)
      if (size !== null) errors.push({ parameter: name, message: size })
    }
  }
  return { errors, warnings }
}

function fieldProblem(name: string, spec: FieldSpec, value: unknown): string | null {
  // First: the checks below serialize the value, which must be possible.
  const shape = shapeProblem(name, value)
  if (shape !== null) return shape
  // A secret's value never appears in a message, only its kind.
  const secret = spec.secret === true
  if (spec.type !== undefined && !matchesFieldType(value, spec.type)) {
    return `parameter '${name}' must be ${typeWithArticle(spec.type)}, found ${secret ? describeKind(value) : describeValue(value)}`
  }
  if (spec.enum !== undefined && !spec.enum.some((choice) => sameValue(choice, value))) {
    const found = secret ? 'a value that is not one of them' : describeValue(value, 'short')
    return `parameter '${name}' must be one of ${spec.enum.map((choice) => describeValue(choice, 'short')).join(', ')}, found ${found}`
  }
  const limit = limitProblem(spec, value)
  if (limit !== null) return `parameter '${name}' ${limit}`
  return oversize(name, value)
}

function undeclared(name: string, declared: readonly string[]): string {
  if (declared.length === 0) return `parameter '${name}' is not declared: the action declares no parameters`
  const near = closestName(name, declared)
  return `parameter '${name}' is not declared by the action${near === null ? '' : ` (did you mean '${near}'?)`}; it declares ${declared.join(', ')}`
}

function shapeProblem(name: string, value: unknown): string | null {
  const problem = jsonShapeProblem(value)
  return problem === null ? null : `parameter '${name}' ${problem}`
}

function oversize(name: string, value: unknown): string | null {
  const bytes = serializedBytes(value)
  if (bytes <= MAX_PARAMETER_BYTES) return null
  return `parameter '${name}' is ${(bytes / MAX_PARAMETER_BYTES).toFixed(1)} MiB once serialized; the limit is 1 MiB per value`
}

function serializedBytes(value: unknown): number {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '')
  return Buffer.byteLength(text, 'utf8')
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b)
}
