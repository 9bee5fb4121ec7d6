import { stringify as toYaml } from 'yaml'
import type { ParameterFormat } from '../../../shared/domain/pack'
import { formatDotenv } from './parameter-dotenv'

/**
 * The input document in the action's `parameter_format` (spec §5.6): `json` compact on one line, `yaml`
 * one multi-line document, `dotenv` sorted `key='value'` lines. No trailing newline is added here; stdin
 * delivery adds one.
 */
export function formatParameters(params: Readonly<Record<string, unknown>>, format: ParameterFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(params)
    case 'yaml':
      return toYaml(params)
    case 'dotenv':
      return formatDotenv(params)
    default:
      return assertNever(format)
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected parameter format ${String(value)}`)
}
