import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml'
import type { LoadProblem } from './problems'

/** A parsed YAML document plus what is needed to name lines in problems. */
export interface YamlSource {
  readonly file: string
  readonly value: unknown
  lineOf(path: readonly (string | number)[]): number | null
}

/**
 * Parse YAML text; syntax errors come back as problems with their line.
 *
 * Anchors and aliases are resolved (the catalog shares `dependencies` between versions that way).
 */
export function parseYamlSource(file: string, text: string, problems: LoadProblem[]): YamlSource | null {
  const lineCounter = new LineCounter()
  let doc: Document
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  } catch (error) {
    problems.push({ file, field: null, line: null, severity: 'error', message: `cannot parse YAML: ${(error as Error).message}` })
    return null
  }
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      const line = error.pos ? lineCounter.linePos(error.pos[0]).line : null
      problems.push({ file, field: null, line, severity: 'error', message: `YAML syntax error: ${firstLine(error.message)}` })
    }
    return null
  }
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: 1000 })
  } catch (error) {
    problems.push({ file, field: null, line: null, severity: 'error', message: `cannot read YAML: ${(error as Error).message}` })
    return null
  }
  return {
    file,
    value,
    lineOf(path) {
      const node = doc.getIn(path, true) as Node | undefined
      const range = node && (isMap(node) || isSeq(node) || 'range' in node) ? node.range : undefined
      return range ? lineCounter.linePos(range[0]).line : null
    }
  }
}

/** `versions[1].execution_config` from a path array. */
export function fieldPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '')
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string') return `the text '${value}'`
  return `the ${typeof value} ${String(value)}`
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message
}
