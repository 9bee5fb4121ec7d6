import semver, { type SemVer } from 'semver'

const NUMBER = '0|[1-9]\\d*'
const PRE_IDENTIFIER = `(?:${NUMBER}|\\d*[a-zA-Z-][0-9a-zA-Z-]*)`
const BUILD_IDENTIFIER = '[0-9a-zA-Z-]+'

// The SemVer 2.0 grammar, which is also what Rust's `Version::parse` accepts. npm's own "strict" parser
// still takes a leading `v`, `=` and surrounding spaces, so it only ever sees text that passed this.
const STRICT_SEMVER = new RegExp(
  `^(?:${NUMBER})\\.(?:${NUMBER})\\.(?:${NUMBER})` +
    `(?:-${PRE_IDENTIFIER}(?:\\.${PRE_IDENTIFIER})*)?` +
    `(?:\\+${BUILD_IDENTIFIER}(?:\\.${BUILD_IDENTIFIER})*)?$`
)

/** Outcome of a strict parse: the version, or a reason written as a clause ("has …", "is …"). */
export type StrictParse = { readonly ok: true; readonly version: SemVer } | { readonly ok: false; readonly reason: string }

/**
 * Parse `MAJOR.MINOR.PATCH[-pre][+build]` exactly as SemVer 2.0 defines it.
 *
 * No trimming, no `v`, no partial versions: callers do Attune's leniency themselves (spec §2.1).
 */
export function parseStrictSemver(text: string): StrictParse {
  if (!STRICT_SEMVER.test(text)) return { ok: false, reason: describeInvalidVersion(text) }
  try {
    return { ok: true, version: new semver.SemVer(text) }
  } catch (error) {
    // npm stops at Number.MAX_SAFE_INTEGER and 256 characters where Rust's u64 parser would go on;
    // such versions do not occur in practice, so they are rejected rather than mis-ordered.
    if (text.split(/[-+]/, 1)[0]?.split('.').some((part) => Number(part) > Number.MAX_SAFE_INTEGER)) {
      return { ok: false, reason: `has a number larger than ${Number.MAX_SAFE_INTEGER}, which cannot be compared exactly` }
    }
    return { ok: false, reason: `cannot be represented (${error instanceof Error ? error.message : String(error)})` }
  }
}

/**
 * Say why `text` is not a strict SemVer version, as a clause a pack author can act on.
 */
export function describeInvalidVersion(text: string): string {
  if (text === '') return 'is empty'
  const core = text.split(/[-+]/, 1)[0] ?? ''
  const components = core.split('.')
  const hasTag = text.length > core.length
  if (components.some((c) => /^[xX*]$/.test(c))) {
    return "contains a wildcard ('x', 'X' or '*'); only a bare '*' constraint is supported"
  }
  if (components.some((c) => c === '')) return 'has an empty version component'
  if (components.some((c) => !/^\d+$/.test(c))) {
    return 'is not a version (expected MAJOR.MINOR.PATCH, optionally with -pre-release and +build)'
  }
  if (components.some((c) => /^0\d/.test(c))) return 'has a number with a leading zero'
  if (components.length > 3) return 'has more than three numeric components'
  if (hasTag && components.length < 3) {
    return 'has a pre-release or build tag without a full MAJOR.MINOR.PATCH before it'
  }
  if (hasTag) {
    return 'has an invalid pre-release or build tag (dot-separated [0-9A-Za-z-] identifiers; no leading zeros in numeric pre-release identifiers)'
  }
  return 'is not a full MAJOR.MINOR.PATCH version'
}
