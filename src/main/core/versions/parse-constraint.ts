import semver, { type SemVer } from 'semver'
import { normalizeConstraintParts } from './normalize-constraint'
import { parseComparator, type Comparator } from './parse-comparator'
import { parseVersion } from './parse-version'
import { ConstraintError } from './version-errors'

/** A parsed `runtime_version_constraint`. */
export interface VersionConstraint {
  /** The constraint exactly as given. */
  readonly raw: string
  /** The normalised text, parts joined with `, `; `*` when it matches any version. */
  readonly normalized: string
  /** The AND-ed comparators; empty when the constraint matches any version. */
  readonly comparators: readonly Comparator[]
  /**
   * Whether a version satisfies every comparator, with Rust's pre-release rule.
   *
   * @throws VersionError when a string version does not parse with `parseVersion`.
   */
  test(version: SemVer | string): boolean
}

// Rust's `VersionReq` refuses more than this many comparators.
const MAX_COMPARATORS = 32

/**
 * Parse a constraint with Attune's normalisation and Rust `semver` matching semantics.
 *
 * spec §2.2: blank or only commas → any version; bare `3.12` → `~3.12`; operator versions padded to a
 * triple, so `<=3.12` excludes 3.12.1 and `>3.12` includes it. A pre-release version matches only if some
 * comparator names the same major.minor.patch with a pre-release of its own, so `*` excludes pre-releases.
 *
 * @throws ConstraintError naming the offending part and why it is invalid.
 */
export function parseConstraint(text: string): VersionConstraint {
  const parts = normalizeConstraintParts(text)
  if (parts.length === 0 || (parts.length === 1 && parts[0]?.normalized === '*')) {
    return build(text, '*', [])
  }
  if (parts.length > MAX_COMPARATORS) {
    throw new ConstraintError(text, text.trim(), `has more than ${MAX_COMPARATORS} comparators`)
  }
  const comparators = parts.map((part) => {
    const parsed = parseComparator(part)
    if (!parsed.ok) throw new ConstraintError(text, part.written, parsed.reason)
    return parsed.comparator
  })
  return build(text, parts.map((part) => part.normalized).join(', '), comparators)
}

/**
 * Whether `version` satisfies `constraint`, both parsed the Attune way.
 *
 * @throws VersionError or ConstraintError when either does not parse (the version is parsed first).
 */
export function matchesConstraint(version: string, constraint: string): boolean {
  const parsed = parseVersion(version)
  return parseConstraint(constraint).test(parsed)
}

function build(raw: string, normalized: string, comparators: readonly Comparator[]): VersionConstraint {
  // npm's Range has Rust's semantics for full-triple comparators, including the pre-release rule, once
  // build metadata is dropped (neither side matches on it) and `~3.12` is spelled `~3.12.0`.
  const range = new semver.Range(comparators.map(toNpmComparator).join(' ') || '*', {
    includePrerelease: false,
    loose: false
  })
  // Rust's tilde on a partial `~3.12` ends by requiring `pre >= ""`, which no pre-release satisfies even
  // when another comparator would admit it under the pre-release rule; `~3.12.0` would let 3.12.3-rc.1 in.
  const refusesPrerelease = comparators.some((comparator) => comparator.partial)
  return {
    raw,
    normalized,
    comparators,
    test: (version) => {
      const parsed = typeof version === 'string' ? parseVersion(version) : version
      if (refusesPrerelease && parsed.prerelease.length > 0) return false
      return range.test(parsed)
    }
  }
}

function toNpmComparator({ op, version }: Comparator): string {
  const pre = version.prerelease.length > 0 ? `-${version.prerelease.join('.')}` : ''
  return `${op}${version.major}.${version.minor}.${version.patch}${pre}`
}
