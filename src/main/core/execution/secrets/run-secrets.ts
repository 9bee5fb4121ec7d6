import { secretNames, type FieldSchema } from '../parameters/schema'
import { secretForms } from './forms'
import { workerJson } from '../parameters/worker-numbers'

/**
 * A secret shorter than this is not masked in free text (logs, error text, CLI output): `e` or `Ada` would
 * mask ordinary words, and where the masks fall would spell the secret out. Such a secret is reported in
 * the run's warnings instead.
 */
export const MIN_MASKED_SECRET_LENGTH = 4

/** What one run must hide: texts to mask wherever they occur, and names whose values are masked whole. */
export interface RunSecrets {
  /** Every form ({@link secretForms}) of every secret value of at least {@link MIN_MASKED_SECRET_LENGTH} characters. */
  readonly texts: string[]
  /** The secret parameters' names: in a parsed result, the value under such a key is masked whole. */
  readonly names: string[]
  /** One line per secret too short to mask in logs, naming the parameter (never the value). */
  readonly warnings: string[]
}

/**
 * The secrets of one run from its secret parameters (spec §5.7): each value as text (strings raw, other
 * values as JSON) in all its printed forms. Absent, null and empty values hide nothing.
 */
export function runSecrets(schema: FieldSchema, params: Readonly<Record<string, unknown>>, extra: readonly string[] = []): RunSecrets {
  const texts = new Set<string>()
  const warnings: string[] = []
  const names = secretNames(schema)
  for (const name of names) {
    const value = params[name]
    if (value === undefined || value === null) continue
    // As the action receives it: a number keeps its exact text (`1.0`, 20 digits), not an object's JSON.
    const text = typeof value === 'string' ? value : workerJson(value)
    if (text === undefined || text === '') continue
    if ([...text].length < MIN_MASKED_SECRET_LENGTH) {
      warnings.push(
        `secret parameter '${name}' is too short to mask in logs (under ${MIN_MASKED_SECRET_LENGTH} characters): the action's output shows it wherever the action prints it; in a parsed result it is masked only under its own name`
      )
      continue
    }
    for (const form of secretForms(text)) texts.add(form.text)
  }
  // Values the run hands the action that are not parameters (the API token): masked in every form too.
  for (const text of extra) if ([...text].length >= MIN_MASKED_SECRET_LENGTH) for (const form of secretForms(text)) texts.add(form.text)
  return { texts: [...texts], names, warnings }
}
