import { explainRejectedPart } from './constraint-hints'
import { normalizeConstraintParts, type NormalizedPart } from './normalize-constraint'
import { parseVersion } from './parse-version'
import { rustTrim } from './rust-trim'
import { CrateError } from './semver-crate/crate-error'
import { crateReqMatches } from './semver-crate/crate-eval'
import { parseCrateVersionReq } from './semver-crate/crate-parse'
import type { CrateComparator, CrateOp, CrateVersion, CrateVersionReq } from './semver-crate/crate-types'
import { ConstraintError } from './version-errors'

/** The semver crate's operators; `*` is its `Op::Wildcard` (`3.x`, `3.12.*` without an operator). */
export type ComparatorOp = CrateOp

/** One comparator of a constraint: the crate's comparator and the part it came from. */
export interface Comparator extends CrateComparator {
  /** The part as written, trimmed. */
  readonly written: string
  /** The normalised text Attune handed to the crate (`~3.12`, `>=3.12.0`, `~3.x`). */
  readonly normalized: string
}

/** A parsed `runtime_version_constraint`. */
export interface VersionConstraint {
  /** The constraint exactly as given. */
  readonly raw: string
  /** The normalised text, parts joined with `, `; `*` when it matches any version. */
  readonly normalized: string
  /** The AND-ed comparators; empty when the constraint matches any version. */
  readonly comparators: readonly Comparator[]
  /**
   * Whether a version satisfies the constraint, as the crate's `VersionReq::matches`.
   *
   * @throws VersionError when a string version does not parse with `parseVersion`.
   */
  test(version: CrateVersion | string): boolean
}

/**
 * Parse a constraint exactly as Attune's `parse_constraint` with the semver crate's `VersionReq`.
 *
 * spec §2.2: blank or only commas → any version; bare `3.12` → `~3.12`; operator versions padded, so
 * `<=3.12` excludes 3.12.1 and `>3.12` includes it. Wildcards are the crate's: `3.x`, `3.*`, `3.12.x`,
 * `>=3.x.x`, a lone `x`; `>=3.x` is padded to `>=3.x.0` and rejected. A pre-release version matches only
 * if some comparator names the same major.minor.patch with a pre-release of its own.
 *
 * @throws ConstraintError naming the offending part and why the crate rejects it.
 */
export function parseConstraint(text: string): VersionConstraint {
  const parts = normalizeConstraintParts(text)
  if (parts.length === 0) return build(text, '*', { comparators: [] }, [])
  const joined = parts.map((part) => part.normalized).join(', ')
  let req: CrateVersionReq
  try {
    req = parseCrateVersionReq(joined)
  } catch (error) {
    if (error instanceof CrateError) throw blame(text, parts, error)
    throw error
  }
  return build(text, req.comparators.length === 0 ? '*' : joined, req, parts)
}

/**
 * Whether `version` satisfies `constraint`, both parsed the Attune way (`matches_constraint`).
 *
 * @throws VersionError or ConstraintError when either does not parse (the version is parsed first).
 */
export function matchesConstraint(version: string, constraint: string): boolean {
  const parsed = parseVersion(version)
  return parseConstraint(constraint).test(parsed)
}

function build(raw: string, normalized: string, req: CrateVersionReq, parts: readonly NormalizedPart[]): VersionConstraint {
  const comparators = req.comparators.map((comparator, index) => ({
    ...comparator,
    written: parts[index]?.written ?? '',
    normalized: parts[index]?.normalized ?? ''
  }))
  return {
    raw,
    normalized,
    comparators,
    test: (version) => crateReqMatches(req, typeof version === 'string' ? parseVersion(version) : version)
  }
}

// The crate parses the joined text and names no part; the first part that fails on its own is the one,
// else the failure is between parts (a lone wildcard among others, too many comparators).
function blame(text: string, parts: readonly NormalizedPart[], error: CrateError): ConstraintError {
  for (const part of parts) {
    try {
      parseCrateVersionReq(part.normalized)
    } catch (own) {
      if (own instanceof CrateError) return new ConstraintError(text, part.written, explainRejectedPart(part, own))
      throw own
    }
  }
  if (error.detail.kind === 'WildcardNotTheOnlyComparator') {
    const wildcard = parts.find((part) => /^[*xX]$/.test(part.normalized))
    if (wildcard !== undefined) return new ConstraintError(text, wildcard.written, explainRejectedPart(wildcard, error))
  }
  if (error.detail.kind === 'ExcessiveComparators') {
    return new ConstraintError(text, rustTrim(text), `has more than 32 comparators (the semver crate says: ${error.message})`)
  }
  return new ConstraintError(text, rustTrim(text), `is rejected by the semver crate: ${error.message}`)
}
