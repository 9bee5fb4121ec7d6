/** Parse a JSON column, falling back when a row was written by hand or by an older build. */
export function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}

/** The timestamp format of every `*_at` column: ISO 8601 UTC with milliseconds. */
export function now(): string {
  return new Date().toISOString()
}
