import { rustTrim } from './rust-trim'

/** One comma-separated part of a constraint, rewritten by Attune's normalisation (spec §2.2 step 3). */
export interface NormalizedPart {
  /** The part as written, trimmed. */
  readonly written: string
  /** True for a bare version such as `3.12` (first char a digit, `v` or `V`), which becomes a tilde range. */
  readonly bare: boolean
  /** Everything before the version: `~` for bare parts, else the text before the first digit, trimmed. */
  readonly op: string
  /** The version text after padding; empty when the part has no digit at all (`*`, `x`). */
  readonly version: string
  /** `op + version`: the text Attune hands to the semver crate's requirement parser. */
  readonly normalized: string
}

/**
 * Rewrite a constraint into the parts Attune hands to the semver crate, without validating them.
 *
 * `version_matching.rs` `parse_constraint`: trim (Rust's Unicode trim), split on `,` (AND), trim each
 * part, drop empty ones. A bare part (first char an ASCII digit, `v` or `V`) loses one `v`, gains `.0`
 * when it has no dot, and becomes `~…` — so `v 3.12` is `~ 3.12`, which the crate accepts. Any other
 * part splits at its first ASCII digit into operator and version; the version is padded (no dot →
 * `X.0.0`, one dot → `X.Y.0`), so `>=3.x` becomes `>=3.x.0`, which the crate rejects.
 */
export function normalizeConstraintParts(text: string): NormalizedPart[] {
  return rustTrim(text)
    .split(',')
    .map(rustTrim)
    .filter((part) => part !== '')
    .map(normalizePart)
}

function normalizePart(part: string): NormalizedPart {
  if (/^[0-9vV]/.test(part)) {
    const stripped = /^[vV]/.test(part) ? part.slice(1) : part
    const version = stripped.includes('.') ? stripped : `${stripped}.0`
    return { written: part, bare: true, op: '~', version, normalized: `~${version}` }
  }
  const digitAt = part.search(/[0-9]/)
  const split = digitAt === -1 ? part.length : digitAt
  // A `v` after an operator stays in the operator (`>=v3.12` → op `>=v`): Attune strips a `v` only from
  // the text after the first digit, where there is none.
  const op = rustTrim(part.slice(0, split))
  const written = part.slice(split)
  const dots = written.split('.').length - 1
  const version = dots === 0 ? (written === '' ? '' : `${written}.0.0`) : dots === 1 ? `${written}.0` : written
  return { written: part, bare: false, op, version, normalized: `${op}${version}` }
}
