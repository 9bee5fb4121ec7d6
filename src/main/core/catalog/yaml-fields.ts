import type { Document } from 'yaml'
import { yaml } from '../util/lazy-yaml'
import type { LoadProblem } from './problems'

/** A parsed YAML document plus what is needed to name lines in problems. */
export interface YamlSource {
  readonly file: string
  readonly value: unknown
  /**
   * The 1-based line that names the field at `path` (its key, or its list item). When the field is
   * absent, the line of the nearest enclosing field that exists; null when not even that exists.
   */
  lineOf(path: readonly (string | number)[]): number | null
  /** The scalar at `path` exactly as written (`3.10`, not the number 3.1), or null. */
  sourceOf(path: readonly (string | number)[]): string | null
}

/**
 * Parse YAML text; syntax errors come back as problems with their line.
 *
 * Anchors and aliases are resolved (the catalog shares `dependencies` between versions that way).
 */
export function parseYamlSource(file: string, text: string, problems: LoadProblem[]): YamlSource | null {
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = yaml()
  const lineCounter = new LineCounter()
  let doc: Document
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  } catch (error) {
    problems.push({ file, field: null, line: null, severity: 'error', message: `cannot parse YAML: ${(error as Error).message}` })
    return null
  }
  const first = doc.errors[0]
  if (first) {
    // Only the first error: the parser's later ones are usually echoes of it at the wrong place.
    const offset = first.pos ? syntaxErrorOffset(text, first.message, first.pos[0]) : null
    const at = offset === null ? null : lineCounter.linePos(offset)
    const where = at ? ` at line ${at.line}, column ${at.col}` : ''
    problems.push({ file, field: null, line: at?.line ?? null, severity: 'error', message: `YAML syntax error: ${firstLine(first.message)}${where}${at ? caret(text, at) : ''}` })
    return null
  }
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: 1000 })
  } catch (error) {
    problems.push({ file, field: null, line: null, severity: 'error', message: `cannot read YAML: ${(error as Error).message}` })
    return null
  }
  const lineAt = (node: unknown): number | null => {
    const range = (node as { range?: [number, number, number] } | null)?.range
    return range ? lineCounter.linePos(range[0]).line : null
  }
  return {
    file,
    value,
    lineOf(path) {
      let node: unknown = doc.contents
      let line = path.length === 0 ? lineAt(node) : null
      for (const part of path) {
        if (isMap(node)) {
          const pair = node.items.find((item) => String(isScalar(item.key) ? item.key.value : item.key) === String(part))
          if (!pair) break
          line = lineAt(pair.key) ?? lineAt(pair.value) ?? line
          node = pair.value
        } else if (isSeq(node) && typeof part === 'number' && part < node.items.length) {
          node = node.items[part]
          line = lineAt(node) ?? line
        } else {
          break
        }
      }
      return line
    },
    sourceOf(path) {
      const node = doc.getIn(path, true)
      return isScalar(node) && typeof node.source === 'string' ? node.source : null
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

/**
 * Where the author must look: the parser reports a missing closing quote where the text ended, so point
 * at the quote that opened it instead.
 */
function syntaxErrorOffset(text: string, message: string, offset: number): number {
  const quote = /^Missing closing (["'])quote/.exec(message)?.[1]
  if (quote === undefined) return offset
  const opening = text.lastIndexOf(quote, Math.min(offset, text.length) - 1)
  return opening === -1 ? offset : opening
}

/** The offending line and a caret under the column, indented below the message. */
function caret(text: string, at: { line: number; col: number }): string {
  const source = (text.split('\n')[at.line - 1] ?? '').replace(/\t/g, ' ')
  return `\n    ${source}\n    ${' '.repeat(Math.max(0, at.col - 1))}^`
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message
}
