/**
 * The Levenshtein distance between two texts (insertions, deletions and substitutions each cost 1).
 *
 * Written here rather than taken from a package: the few lines below are all "did you mean" needs, and the
 * same function must run in the renderer, the CLI and the engine without a new dependency.
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/**
 * The candidate nearest to `name` (case-insensitive edit distance), or null when none is near enough to be
 * a plausible typo: at most a third of the longer name's length, and at least 2 edits allowed. Ties go to
 * the candidate listed first.
 */
export function closestName(name: string, candidates: readonly string[]): string | null {
  let best: string | null = null
  let bestDistance = Number.POSITIVE_INFINITY
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase())
    const allowed = Math.max(2, Math.floor(Math.max(name.length, candidate.length) / 3))
    if (distance <= allowed && distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}

/**
 * "unknown pack 'demoo' (did you mean 'demo'? known packs: demo, other)": the hint only when a name is near.
 *
 * `known` is listed as given; `nearby` (default: `known`) are the names a typo is compared with, e.g. a
 * runtime's name and aliases besides its ref.
 */
export function unknownNameMessage(kind: string, name: string, known: readonly string[], nearby: readonly string[] = known): string {
  const near = closestName(name, nearby)
  return `unknown ${kind} '${name}' (${near ? `did you mean '${near}'? ` : ''}known ${kind}s: ${known.join(', ') || 'none registered'})`
}
