/**
 * `NAME=VALUE` lines (the run form's env vars and context) → a map; blank lines are skipped, the value
 * is everything after the first `=`. An error names the line, never its value.
 */
export function parseAssignmentLines(text: string): { readonly ok: true; readonly values: Record<string, string> } | { readonly ok: false; readonly error: string } {
  const values: Record<string, string> = {}
  const lines = text.split('\n')
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue
    const eq = line.indexOf('=')
    const name = eq === -1 ? '' : line.slice(0, eq).trim()
    if (name === '') return { ok: false, error: `line ${index + 1}: write NAME=VALUE (${eq === -1 ? "no '='" : 'no name before ='})` }
    values[name] = line.slice(eq + 1)
  }
  return { ok: true, values }
}

/** The inverse, for a form filled from a previous run. */
export function assignmentLines(values: Readonly<Record<string, string>> | undefined): string {
  return Object.entries(values ?? {})
    .map(([name, value]) => `${name}=${value}`)
    .join('\n')
}
