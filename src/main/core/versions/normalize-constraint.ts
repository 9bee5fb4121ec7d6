/** One comma-separated part of a constraint, rewritten by Attune's normalisation (spec §2.2 step 3). */
export interface NormalizedPart {
  /** The part as written, trimmed. */
  readonly written: string
  /** True for a bare version such as `3.12`, which becomes a tilde range. */
  readonly bare: boolean
  /** Everything before the version: `~` for bare parts, else the text before the first digit, trimmed. */
  readonly op: string
  /** The version text after padding; empty when the part has no digit at all (`*`). */
  readonly version: string
  /** `op + version`: the text Attune hands to the SemVer requirement parser. */
  readonly normalized: string
}

/**
 * Rewrite a constraint into the parts Attune hands to the SemVer parser, without validating them.
 *
 * spec §2.2: blank → no parts (any version); split on `,` (AND), trim, drop empty parts. A bare version
 * (first char a digit, `v` or `V`) loses its `v`, gains `.0` when it has no dot, and becomes `~…`. Any
 * other part splits at its first digit into operator and version, and the version is padded to a triple:
 * no dot → `X.0.0`, one dot → `X.Y.0`.
 */
export function normalizeConstraintParts(text: string): NormalizedPart[] {
  return text
    .trim()
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map(normalizePart)
}

function normalizePart(part: string): NormalizedPart {
  if (/^[0-9vV]/.test(part)) {
    const stripped = /^[vV]/.test(part) ? part.slice(1) : part
    // spec §2.2: only the major-only form is padded, so `3` means `~3.0` (3.0.x), not 3.x.
    const version = stripped.includes('.') ? stripped : `${stripped}.0`
    return { written: part, bare: true, op: '~', version, normalized: `~${version}` }
  }
  const digitAt = part.search(/[0-9]/)
  const split = digitAt === -1 ? part.length : digitAt
  // spec §2.2 quirk: a `v` after an operator stays in the operator (`>=v3.12` → op `>=v`), making it invalid.
  const op = part.slice(0, split).trim()
  const written = part.slice(split)
  const dots = written.split('.').length - 1
  const version = dots === 0 ? (written === '' ? '' : `${written}.0.0`) : dots === 1 ? `${written}.0` : written
  return { written: part, bare: false, op, version, normalized: `${op}${version}` }
}
