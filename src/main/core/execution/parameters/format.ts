import type { ScalarTag } from 'yaml'
import { yaml } from '../../util/lazy-yaml'
import type { ParameterFormat } from '../../../../shared/domain/pack'
import { formatDotenv } from './dotenv'
import { ExactNumber, numberText, workerJson } from './worker-numbers'

/**
 * Numbers in YAML as serde_yaml writes them (`serialize_u64`/`serialize_f64`: itoa and ryu, the same text
 * as JSON): listed first so it wins over `yaml`'s own number tags; only used to write, never to read.
 */
const WORKER_NUMBER: ScalarTag = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  identify: (value) => value instanceof ExactNumber || typeof value === 'number',
  // `yaml` prefers tags with a `test` when several identify a value; this one never reads anything.
  test: /(?!)/,
  resolve: (text) => text,
  stringify: ({ value }) => numberText(value as number | ExactNumber)
}

/**
 * The input document in the action's `parameter_format` (spec §5.6): `json` compact on one line, `yaml`
 * one multi-line document, `dotenv` sorted `key='value'` lines. No trailing newline is added here; stdin
 * delivery adds one. Numbers print as the worker prints them (`worker-numbers.ts`).
 */
export function formatParameters(params: Readonly<Record<string, unknown>>, format: ParameterFormat): string {
  switch (format) {
    case 'json':
      return workerJson(params)
    case 'yaml':
      return yaml().stringify(params, { customTags: (tags) => [WORKER_NUMBER, ...tags] })
    case 'dotenv':
      return formatDotenv(params)
    default:
      return assertNever(format)
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected parameter format ${String(value)}`)
}
