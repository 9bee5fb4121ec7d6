import { comparePrerelease } from './crate-order'
import type { CrateComparator, CrateVersion, CrateVersionReq } from './crate-types'

// A port of dtolnay/semver src/eval.rs, the worker's `VersionReq::matches`.

/**
 * `matches_req`: every comparator matches, and a pre-release version also needs some comparator with
 * the same major.minor.patch and a pre-release of its own (so `*` and `>=3.12` exclude `3.14.0-rc.1`).
 */
export function crateReqMatches(req: CrateVersionReq, version: CrateVersion): boolean {
  if (!req.comparators.every((comparator) => matchesComparator(comparator, version))) return false
  if (version.pre === '') return true
  return req.comparators.some((comparator) => preIsCompatible(comparator, version))
}

function matchesComparator(cmp: CrateComparator, ver: CrateVersion): boolean {
  switch (cmp.op) {
    case '=':
    case '*':
      return matchesExact(cmp, ver)
    case '>':
      return matchesGreater(cmp, ver)
    case '>=':
      return matchesExact(cmp, ver) || matchesGreater(cmp, ver)
    case '<':
      return matchesLess(cmp, ver)
    case '<=':
      return matchesExact(cmp, ver) || matchesLess(cmp, ver)
    case '~':
      return matchesTilde(cmp, ver)
    case '^':
      return matchesCaret(cmp, ver)
  }
}

function matchesExact(cmp: CrateComparator, ver: CrateVersion): boolean {
  if (ver.major !== cmp.major) return false
  if (cmp.minor !== null && ver.minor !== cmp.minor) return false
  if (cmp.patch !== null && ver.patch !== cmp.patch) return false
  return ver.pre === cmp.pre
}

function matchesGreater(cmp: CrateComparator, ver: CrateVersion): boolean {
  if (ver.major !== cmp.major) return ver.major > cmp.major
  if (cmp.minor === null) return false
  if (ver.minor !== cmp.minor) return ver.minor > cmp.minor
  if (cmp.patch === null) return false
  if (ver.patch !== cmp.patch) return ver.patch > cmp.patch
  return comparePrerelease(ver.pre, cmp.pre) > 0
}

function matchesLess(cmp: CrateComparator, ver: CrateVersion): boolean {
  if (ver.major !== cmp.major) return ver.major < cmp.major
  if (cmp.minor === null) return false
  if (ver.minor !== cmp.minor) return ver.minor < cmp.minor
  if (cmp.patch === null) return false
  if (ver.patch !== cmp.patch) return ver.patch < cmp.patch
  return comparePrerelease(ver.pre, cmp.pre) < 0
}

function matchesTilde(cmp: CrateComparator, ver: CrateVersion): boolean {
  if (ver.major !== cmp.major) return false
  if (cmp.minor !== null && ver.minor !== cmp.minor) return false
  if (cmp.patch !== null && ver.patch !== cmp.patch) return ver.patch > cmp.patch
  return comparePrerelease(ver.pre, cmp.pre) >= 0
}

function matchesCaret(cmp: CrateComparator, ver: CrateVersion): boolean {
  if (ver.major !== cmp.major) return false
  const { minor, patch } = cmp
  if (minor === null) return true
  if (patch === null) return cmp.major > 0n ? ver.minor >= minor : ver.minor === minor
  if (cmp.major > 0n) {
    if (ver.minor !== minor) return ver.minor > minor
    if (ver.patch !== patch) return ver.patch > patch
  } else if (minor > 0n) {
    if (ver.minor !== minor) return false
    if (ver.patch !== patch) return ver.patch > patch
  } else if (ver.minor !== minor || ver.patch !== patch) {
    return false
  }
  return comparePrerelease(ver.pre, cmp.pre) >= 0
}

function preIsCompatible(cmp: CrateComparator, ver: CrateVersion): boolean {
  return cmp.major === ver.major && cmp.minor === ver.minor && cmp.patch === ver.patch && cmp.pre !== ''
}
