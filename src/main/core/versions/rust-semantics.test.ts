import semver, { type SemVer } from 'semver'
import { describe, expect, it } from 'vitest'
import { parseConstraint, type Comparator } from './parse-constraint'

// An independent port of Rust semver 1.x `VersionReq::matches` (dtolnay/semver src/eval.rs) on npm's
// SemVer (numbers, npm's pre-release order), used as an oracle for the module's bigint port in
// semver-crate/: two ports written apart must agree on every single comparator and every pair of the grid.
interface RustComparator {
  readonly op: Exclude<Comparator['op'], '*'>
  readonly major: number
  readonly minor: number
  readonly patch: number | null
  readonly pre: readonly (string | number)[]
}

function toRust(comparator: Comparator): RustComparator {
  const { op, major, minor, patch, pre } = comparator
  // The grid has no wildcards, so every comparator has a minor.
  if (op === '*' || minor === null) throw new Error(`unexpected wildcard in the grid: ${comparator.written}`)
  const identifiers = pre === '' ? [] : pre.split('.').map((id) => (/^[0-9]+$/.test(id) ? Number(id) : id))
  return { op, major: Number(major), minor: Number(minor), patch: patch === null ? null : Number(patch), pre: identifiers }
}

// Rust orders pre-releases with an empty one highest, as npm's comparePre does.
function comparePre(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  const make = (pre: readonly (string | number)[]): SemVer => new semver.SemVer(pre.length > 0 ? `0.0.0-${pre.join('.')}` : '0.0.0')
  return make(a).comparePre(make(b))
}

function exact(c: RustComparator, v: SemVer): boolean {
  return v.major === c.major && v.minor === c.minor && (c.patch === null || v.patch === c.patch) && comparePre(v.prerelease, c.pre) === 0
}

function greater(c: RustComparator, v: SemVer): boolean {
  if (v.major !== c.major) return v.major > c.major
  if (v.minor !== c.minor) return v.minor > c.minor
  if (c.patch === null) return false
  if (v.patch !== c.patch) return v.patch > c.patch
  return comparePre(v.prerelease, c.pre) > 0
}

function less(c: RustComparator, v: SemVer): boolean {
  if (v.major !== c.major) return v.major < c.major
  if (v.minor !== c.minor) return v.minor < c.minor
  if (c.patch === null) return false
  if (v.patch !== c.patch) return v.patch < c.patch
  return comparePre(v.prerelease, c.pre) < 0
}

function tilde(c: RustComparator, v: SemVer): boolean {
  if (v.major !== c.major || v.minor !== c.minor) return false
  if (c.patch !== null && v.patch !== c.patch) return v.patch > c.patch
  return comparePre(v.prerelease, c.pre) >= 0
}

function caret(c: RustComparator, v: SemVer): boolean {
  if (v.major !== c.major) return false
  if (c.patch === null) return c.major > 0 ? v.minor >= c.minor : v.minor === c.minor
  if (c.major > 0) {
    if (v.minor !== c.minor) return v.minor > c.minor
    if (v.patch !== c.patch) return v.patch > c.patch
  } else if (c.minor > 0) {
    if (v.minor !== c.minor) return false
    if (v.patch !== c.patch) return v.patch > c.patch
  } else if (v.minor !== c.minor || v.patch !== c.patch) {
    return false
  }
  return comparePre(v.prerelease, c.pre) >= 0
}

function matchesOne(c: RustComparator, v: SemVer): boolean {
  switch (c.op) {
    case '=': return exact(c, v)
    case '>': return greater(c, v)
    case '>=': return exact(c, v) || greater(c, v)
    case '<': return less(c, v)
    case '<=': return exact(c, v) || less(c, v)
    case '~': return tilde(c, v)
    case '^': return caret(c, v)
  }
}

function rustMatches(comparators: readonly RustComparator[], v: SemVer): boolean {
  if (!comparators.every((c) => matchesOne(c, v))) return false
  if (v.prerelease.length === 0) return true
  return comparators.some((c) => c.major === v.major && c.minor === v.minor && c.patch === v.patch && c.pre.length > 0)
}

const COMPARATOR_VERSIONS = [
  '0.0.0', '0.0.5', '0.0.5-rc.1', '0.12', '0.12.0', '0.12.3-beta', '1', '1.0.0', '3', '3.12', '3.12.0',
  '3.12.0-rc.1', '3.12.1', '3.12.1-rc.1', '3.13.0', '3.13.0-0', '4.0.0', '4.0.0-alpha.1'
]
const OPERATORS = ['', '=', '>', '>=', '<', '<=', '~', '^']
const VERSIONS = [
  '0.0.0', '0.0.4', '0.0.5-rc.1', '0.0.5-rc.2', '0.0.5', '0.0.6', '0.1.0', '0.11.9', '0.12.0-beta', '0.12.0',
  '0.12.3-alpha', '0.12.3-beta', '0.12.3', '0.13.0', '1.0.0-0', '1.0.0', '1.2.3', '2.9.9', '3.0.0', '3.0.5',
  '3.1.0', '3.11.9', '3.12.0-0', '3.12.0-rc.1', '3.12.0-rc.2', '3.12.0', '3.12.0+build', '3.12.1-rc.1',
  '3.12.1', '3.12.9', '3.13.0-0', '3.13.0-rc.1', '3.13.0', '3.99.0', '4.0.0-0', '4.0.0-alpha.1', '4.0.0-alpha.2',
  '4.0.0', '4.1.0', '10.0.0'
].map((text) => new semver.SemVer(text))

const SINGLE = OPERATORS.flatMap((op) => COMPARATOR_VERSIONS.map((version) => `${op}${version}`)).filter((text) => {
  // Bare versions with a pre-release and no patch are invalid by design (spec §2.1).
  return !/^[0-9]+(\.[0-9]+)?-/.test(text)
})

function mismatches(constraints: readonly string[]): string[] {
  const found: string[] = []
  for (const text of constraints) {
    const constraint = parseConstraint(text)
    const comparators = constraint.comparators.map(toRust)
    for (const version of VERSIONS) {
      const expected = rustMatches(comparators, version)
      if (constraint.test(version.raw) !== expected) found.push(`${text} (${constraint.normalized}) vs ${version.raw}: expected ${expected}`)
    }
  }
  return found
}

describe('the semver-crate port agrees with an independent port of eval.rs', () => {
  it('for every single comparator in the grid', () => {
    expect(SINGLE.length).toBeGreaterThan(100)
    expect(mismatches(SINGLE)).toEqual([])
  })

  it('for every pair of comparators (AND)', () => {
    const pairs = SINGLE.flatMap((a) => SINGLE.map((b) => `${a}, ${b}`))
    expect(pairs.length).toBeGreaterThan(10_000)
    expect(mismatches(pairs)).toEqual([])
  })

  it('the oracle itself reproduces spec §2.2 facts', () => {
    const check = (text: string, version: string): boolean => rustMatches(parseConstraint(text).comparators.map(toRust), new semver.SemVer(version))
    expect(check('3', '3.1.0')).toBe(false)
    expect(check('<=3.12', '3.12.1')).toBe(false)
    expect(check('^0.0.5', '0.0.6')).toBe(false)
    expect(check('>=3.12', '3.14.0-rc.1')).toBe(false)
    expect(check('>=3.14.0-rc.1', '3.14.0-rc.2')).toBe(true)
  })
})
