/** What replaces a value the debug log must not hold. */
export const REDACTED = '***'

/** Fields whose every value is an action parameter (`parameters` of executions:start and matrix:start, `secrets` of executions:rerun). */
const PARAMETER_FIELDS = new Set(['parameters', 'params', 'secrets'])

/** Field names that hold credentials wherever they appear. */
const SECRET_NAME = /token|secret|passw(or)?d|passphrase|api[-_]?key|credential|auth|cookie|private[-_]?key/i

const LOGGED_CHARS = 200
const MAX_DEPTH = 8

/**
 * An IPC call's input as one debug-log line (issue 9, finding 5): the shape stays readable, but the values of
 * every parameter object and of every field named like a credential are replaced by `***`, whatever the
 * channel, and the text is cut at 200 characters. Parameter values are masked even when the action does not
 * declare them secret: the log cannot know which are.
 */
export function redactForLog(input: unknown): string {
  let text: string
  try {
    text = JSON.stringify(redact(input, 0)) ?? String(input)
  } catch {
    text = `(${typeof input})`
  }
  return text.length > LOGGED_CHARS ? `${text.slice(0, LOGGED_CHARS)}… (${text.length} chars)` : text
}

function redact(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (depth >= MAX_DEPTH) return '…'
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1))
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => {
      if (PARAMETER_FIELDS.has(key) && typeof field === 'object' && field !== null && !Array.isArray(field)) {
        return [key, Object.fromEntries(Object.keys(field).map((name) => [name, REDACTED]))]
      }
      if (SECRET_NAME.test(key) || PARAMETER_FIELDS.has(key)) return [key, REDACTED]
      return [key, redact(field, depth + 1)]
    })
  )
}
