import { CrateError } from './semver-crate/crate-error'
import { parseCrateVersion } from './semver-crate/crate-parse'
import type { CrateVersion } from './semver-crate/crate-types'

/** Outcome of a strict parse: the version, or a reason written as a clause ("has …", "is …"). */
export type StrictParse =
  | { readonly ok: true; readonly version: CrateVersion }
  | { readonly ok: false; readonly reason: string; readonly crateMessage: string }

/**
 * Parse `MAJOR.MINOR.PATCH[-pre][+build]` exactly as the semver crate's `Version::parse` does.
 *
 * No trimming, no `v`, no partial versions: callers do Attune's leniency themselves (spec §2.1).
 */
export function parseStrictSemver(text: string): StrictParse {
  try {
    return { ok: true, version: parseCrateVersion(text) }
  } catch (error) {
    if (!(error instanceof CrateError)) throw error
    return { ok: false, reason: describeInvalidVersion(text), crateMessage: error.message }
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
    return "contains a wildcard ('x', 'X' or '*'), which a version (unlike a constraint) cannot have"
  }
  if (components.some((c) => c === '')) return 'has an empty version component'
  if (components.some((c) => !/^\d+$/.test(c))) {
    return 'is not a version (expected MAJOR.MINOR.PATCH, optionally with -pre-release and +build)'
  }
  if (components.some((c) => /^0\d/.test(c))) return 'has a number with a leading zero'
  if (components.some((c) => BigInt(c) > U64_MAX)) return `has a number larger than u64::MAX (${U64_MAX})`
  if (components.length > 3) return 'has more than three numeric components'
  if (hasTag && components.length < 3) {
    return 'has a pre-release or build tag without a full MAJOR.MINOR.PATCH before it'
  }
  if (hasTag) {
    return 'has an invalid pre-release or build tag (dot-separated [0-9A-Za-z-] identifiers; no leading zeros in numeric pre-release identifiers)'
  }
  return 'is not a full MAJOR.MINOR.PATCH version'
}

const U64_MAX = 2n ** 64n - 1n
