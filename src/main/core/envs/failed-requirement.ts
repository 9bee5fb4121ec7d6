/**
 * The requirement a failed install could not satisfy, read from the installer's output (pip, npm), so an
 * env's error can name it instead of only "Dependency installation failed (exit 1, …)". Null when the
 * output says nothing recognisable.
 */
export function failedRequirementIn(lines: readonly string[]): string | null {
  for (const line of lines) {
    const text = line.replace(/^\s*\|\s?/, '')
    const pip = /No matching distribution found for (\S+)/.exec(text) ?? /Could not find a version that satisfies the requirement (\S+)/.exec(text)
    if (pip) return pip[1] ?? null
    const target = /No matching version found for (\S+?)\.?$/.exec(text)
    if (target) return target[1] ?? null
    const notFound = /404 Not Found - GET \S*\/((?:@[^/\s]+\/)?[^/\s]+) /.exec(text) ?? /'([^']+)' is not in (?:the npm|this) registry/.exec(text)
    if (notFound) return decodeURIComponent(notFound[1] ?? '')
  }
  return null
}
