import type { FieldSpec } from '../../../../shared/domain/pack'

type FieldType = NonNullable<FieldSpec['type']>

const PREVIEW_CHARS = 60

/** `an integer`, `a string`: a schema type for a sentence. */
export function typeWithArticle(type: FieldType): string {
  return type === 'integer' || type === 'array' || type === 'object' ? `an ${type}` : `a ${type}`
}

/**
 * A value for an error message: `the text 'abc'`, `the number 3`, `a list`, `null`; long text is cut.
 * `short` drops the description (`'abc'`, `3`) for lists of choices.
 */
export function describeValue(value: unknown, style: 'long' | 'short' = 'long'): string {
  if (value === null) return 'null'
  if (typeof value === 'string') {
    const shown = value.length > PREVIEW_CHARS ? `${value.slice(0, PREVIEW_CHARS)}…` : value
    return style === 'short' ? `'${shown}'` : `the text '${shown}'`
  }
  if (Array.isArray(value)) return style === 'short' ? preview(value) : 'a list'
  if (typeof value === 'object') return style === 'short' ? preview(value) : 'a mapping'
  return style === 'short' ? String(value) : `the ${typeof value} ${String(value)}`
}

/** The kind of a value without the value itself (`a text`, `a number`): for secrets. */
export function describeKind(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'string') return 'a text'
  if (typeof value === 'object') return 'a mapping'
  return `a ${typeof value}`
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text
}
