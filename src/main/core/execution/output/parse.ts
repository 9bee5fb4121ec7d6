import { yaml } from '../../util/lazy-yaml'
import type { OutputFormat } from '../../../../shared/domain/pack'

/** A parsed result; a wrapper because `null` is a valid parsed value. */
export interface ParsedOutput {
  readonly value: unknown
}

/**
 * Parse an action's stdout by `output_format` (spec §5.9). Callers parse only when the exit code is 0.
 *
 * Trimmed empty stdout → none. `text` → none. `json` → the whole text, else only its last line (so a script
 * may log before printing its result). `yaml` → the whole text. `jsonl` → every line that parses, others
 * skipped silently; none parse → none.
 */
export function parseOutput(stdout: string, format: OutputFormat): ParsedOutput | null {
  const text = stdout.trim()
  if (text === '') return null
  switch (format) {
    case 'text':
      return null
    case 'json':
      return parseJson(text) ?? parseJson(lastLine(text))
    case 'yaml':
      return parseYamlDocument(text)
    case 'jsonl': {
      const values = text
        .split('\n')
        .map((line) => parseJson(line.trim()))
        .filter((parsed): parsed is ParsedOutput => parsed !== null)
        .map((parsed) => parsed.value)
      return values.length === 0 ? null : { value: values }
    }
    default:
      return assertNever(format)
  }
}

function lastLine(text: string): string {
  const lines = text.split('\n')
  return (lines[lines.length - 1] ?? '').trim()
}

function parseJson(text: string): ParsedOutput | null {
  if (text === '') return null
  try {
    return { value: JSON.parse(text) as unknown }
  } catch {
    return null
  }
}

function parseYamlDocument(text: string): ParsedOutput | null {
  try {
    return { value: yaml().parse(text) as unknown }
  } catch {
    return null
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected output format ${String(value)}`)
}
