import { describe, expect, it } from 'vitest'
import { parseConstraint, matchesConstraint } from './parse-constraint'
import { parseVersion } from './parse-version'
import { ConstraintError, VersionError } from './version-errors'

// spec §2.2 table: written → normalised → what matches (in) and what does not (out).
const NORMALISATION: ReadonlyArray<{ written: string; normalized: string; in: string[]; out: string[] }> = [
  { written: '3.12', normalized: '~3.12', in: ['3.12.0', '3.12.9'], out: ['3.11.9', '3.13.0'] },
  { written: '3', normalized: '~3.0', in: ['3.0.0', '3.0.9'], out: ['3.1.0', '3.12.0', '2.9.9', '4.0.0'] },
  { written: '3.12.1', normalized: '~3.12.1', in: ['3.12.1', '3.12.9'], out: ['3.12.0', '3.13.0'] },
  { written: '20', normalized: '~20.0', in: ['20.0.0', '20.0.5'], out: ['20.1.0', '20.11.1', '21.0.0'] },
  { written: '=3.12.1', normalized: '=3.12.1', in: ['3.12.1'], out: ['3.12.0', '3.12.2'] },
  { written: '=3.12', normalized: '=3.12.0', in: ['3.12.0'], out: ['3.12.1', '3.11.0'] },
  { written: '>=3.12', normalized: '>=3.12.0', in: ['3.12.0', '4.0.0'], out: ['3.11.99'] },
  { written: '>=18', normalized: '>=18.0.0', in: ['18.0.0', '20.11.0'], out: ['17.9.9', '16.20.0'] },
  { written: '>3.12', normalized: '>3.12.0', in: ['3.12.1', '3.13.0'], out: ['3.12.0', '3.11.0'] },
  { written: '<4.0', normalized: '<4.0.0', in: ['3.99.99', '0.0.1'], out: ['4.0.0', '4.0.1'] },
  { written: '<=3.12', normalized: '<=3.12.0', in: ['3.12.0', '3.11.0'], out: ['3.12.1', '3.13.0'] },
  { written: '~3.12', normalized: '~3.12.0', in: ['3.12.0', '3.12.99'], out: ['3.13.0', '3.11.0'] },
  { written: '~3', normalized: '~3.0.0', in: ['3.0.0', '3.0.7'], out: ['3.1.0', '4.0.0'] },
  { written: '^3.12', normalized: '^3.12.0', in: ['3.12.0', '3.99.0'], out: ['4.0.0', '3.11.0'] },
  { written: '^0.12', normalized: '^0.12.0', in: ['0.12.0', '0.12.7'], out: ['0.13.0', '0.11.0', '1.0.0'] },
  { written: '^0.0.5', normalized: '^0.0.5', in: ['0.0.5'], out: ['0.0.4', '0.0.6', '0.1.0'] },
  { written: '>=3.12,<4.0', normalized: '>=3.12.0, <4.0.0', in: ['3.12.0', '3.99.0'], out: ['4.0.0', '3.11.0'] },
  { written: '*', normalized: '*', in: ['0.0.1', '999.0.0'], out: ['1.0.0-rc.1'] },
  { written: '', normalized: '*', in: ['0.0.0', '999.0.0'], out: ['3.14.0-rc.1'] }
]

describe('parseConstraint — spec §2.2 normalisation table', () => {
  it.each(NORMALISATION)('$written → $normalized', ({ written, normalized, in: inside, out }) => {
    const constraint = parseConstraint(written)
    expect(constraint.raw).toBe(written)
    expect(constraint.normalized).toBe(normalized)
    for (const version of inside) expect(constraint.test(version), `${version} should match`).toBe(true)
    for (const version of out) expect(constraint.test(version), `${version} should not match`).toBe(false)
  })
})

// spec §2.7, "Constraint matching": [constraint, version, expected].
const MATRIX: ReadonlyArray<readonly [string, string, boolean]> = [
  ['>=3.12', '3.12.0', true], ['>=3.12', '3.13.0', true], ['>=3.12', '4.0.0', true], ['>=3.12', '3.11.9', false],
  ['=3.12.1', '3.12.1', true], ['=3.12.1', '3.12.2', false],
  ['3.12', '3.12.0', true], ['3.12', '3.12.9', true], ['3.12', '3.13.0', false], ['3.12', '3.11.0', false],
  ['~3.12', '3.12.0', true], ['~3.12', '3.12.99', true], ['~3.12', '3.13.0', false],
  ['^3.12', '3.12.0', true], ['^3.12', '3.99.0', true], ['^3.12', '4.0.0', false],
  ['>=3.12,<4.0', '3.12.0', true], ['>=3.12,<4.0', '3.99.0', true], ['>=3.12,<4.0', '4.0.0', false], ['>=3.12,<4.0', '3.11.0', false],
  ['', '0.0.1', true], ['', '999.0.0', true],
  ['<4.0', '3.99.99', true], ['<4.0', '4.0.0', false],
  ['<=3.12', '3.12.0', true], ['<=3.12', '3.12.1', false], ['<=3.12', '3.13.0', false],
  ['>3.12', '3.12.0', false], ['>3.12', '3.12.1', true], ['>3.12', '3.13.0', true]
]

// spec §2.7, matches_constraint(version, constraint).
const MATCHES: ReadonlyArray<readonly [string, string, boolean]> = [
  ['>=3.12', '3.12.1', true], ['>=3.12', '3.11.0', false],
  ['>=3.12,<4.0', '3.12.5', true], ['>=3.12,<4.0', '4.0.0', false],
  ['~3.12', '3.12.5', true], ['~3.12', '3.13.0', false],
  ['^3.12', '3.15.0', true], ['^3.12', '4.0.0', false],
  ['>=18', '20.11.0', true], ['>=18', '18.0.0', true], ['>=18', '16.20.0', false]
]

describe('spec §2.7 constraint matrix', () => {
  it.each(MATRIX)('%j against %s → %s', (constraint, version, expected) => {
    expect(parseConstraint(constraint).test(parseVersion(version))).toBe(expected)
  })

  it.each(MATCHES)('matchesConstraint(%s, %j) → %s', (constraint, version, expected) => {
    expect(matchesConstraint(version, constraint)).toBe(expected)
  })
})

describe('parseConstraint — rules beyond the spec tables', () => {
  it('bare 3 is only 3.0.x, not 3.x (spec §8 item 1)', () => {
    expect(matchesConstraint('3.0.12', '3')).toBe(true)
    expect(matchesConstraint('3.1.0', '3')).toBe(false)
    expect(matchesConstraint('3.12.0', 'v3')).toBe(false)
  })

  it('<=3.12 excludes 3.12.1, >3.12 includes it, =3.12 is 3.12.0 only', () => {
    expect(matchesConstraint('3.12.1', '<=3.12')).toBe(false)
    expect(matchesConstraint('3.12.1', '>3.12')).toBe(true)
    expect(matchesConstraint('3.12.0', '=3.12')).toBe(true)
    expect(matchesConstraint('3.12.1', '=3.12')).toBe(false)
  })

  it('allows spaces between operator and version and around commas', () => {
    const constraint = parseConstraint('  >= 3.12 ,  < 4  ')
    expect(constraint.normalized).toBe('>=3.12.0, <4.0.0')
    expect(constraint.test('3.12.0')).toBe(true)
    expect(constraint.test('4.0.0')).toBe(false)
  })

  it('drops empty parts', () => {
    expect(parseConstraint('>=3.12,,').normalized).toBe('>=3.12.0')
    expect(parseConstraint(',>=3.12, ,<4').normalized).toBe('>=3.12.0, <4.0.0')
  })

  it('treats blank and comma-only constraints as any version', () => {
    for (const text of ['', '   ', ',', ' , ,', '*', ' * ', '*,']) {
      const constraint = parseConstraint(text)
      expect(constraint.normalized).toBe('*')
      expect(constraint.comparators).toEqual([])
      expect(constraint.test('0.0.0')).toBe(true)
      expect(constraint.test('123.4.5+build')).toBe(true)
      expect(constraint.test('1.0.0-alpha')).toBe(false)
    }
  })

  it('strips v from bare versions', () => {
    expect(parseConstraint('v20').normalized).toBe('~20.0')
    expect(parseConstraint('V3.12').normalized).toBe('~3.12')
    expect(parseConstraint('v3.12.1').normalized).toBe('~3.12.1')
  })

  it('keeps pre-release and build in comparators; build is not matched on', () => {
    expect(parseConstraint('>=3.13.0-rc.1').normalized).toBe('>=3.13.0-rc.1')
    expect(parseConstraint('=3.12.1+build').test('3.12.1')).toBe(true)
    expect(parseConstraint('=3.12.1').test('3.12.1+other')).toBe(true)
  })

  it('exposes the comparators', () => {
    const [bare, ranged] = parseConstraint('3.12, <4').comparators
    // The bare 3.12 leaves the patch unset (the crate's `~3.12`); the padded <4 sets all three.
    expect(bare).toMatchObject({ written: '3.12', normalized: '~3.12', op: '~', major: 3n, minor: 12n, patch: null, pre: '' })
    expect(ranged).toMatchObject({ written: '<4', normalized: '<4.0.0', op: '<', major: 4n, minor: 0n, patch: 0n })
  })

  it('test() parses string versions leniently and throws on garbage', () => {
    const constraint = parseConstraint('>=3.12')
    expect(constraint.test('v3.12')).toBe(true)
    expect(constraint.test('  3.13 ')).toBe(true)
    expect(() => constraint.test('latest')).toThrow(VersionError)
  })

  it('matchesConstraint throws when either side does not parse', () => {
    expect(() => matchesConstraint('latest', '>=3.12')).toThrow(VersionError)
    expect(() => matchesConstraint('3.12.0', '>=v3.12')).toThrow(ConstraintError)
    // The version is parsed first, as in Attune.
    expect(() => matchesConstraint('latest', '>=v3.12')).toThrow(VersionError)
  })
})

describe('parseConstraint — pre-release rule', () => {
  it.each([
    ['*', '3.14.0-rc.1', false],
    ['>=3.12', '3.14.0-rc.1', false],
    ['<4.0', '3.14.0-rc.1', false],
    ['<3.14', '3.14.0-rc.1', false],
    ['^3.12', '3.14.0-rc.1', false],
    ['~3.14', '3.14.0-rc.1', false],
    ['3.14', '3.14.0-rc.1', false],
    ['>=3.14.0-rc.1', '3.14.0-rc.1', true],
    ['>=3.14.0-rc.1', '3.14.0-rc.2', true],
    ['>=3.14.0-rc.1', '3.14.0', true],
    ['>=3.14.0-rc.1', '3.15.0-rc.1', false],
    ['>=3.14.0-rc.1', '3.14.0-beta.1', false],
    ['>=3.12, <3.14.0-rc.2', '3.14.0-rc.1', true],
    ['>=3.14.0-alpha, <3.15', '3.14.0-rc.1', true],
    ['=3.14.0-rc.1', '3.14.0-rc.1', true],
    ['=3.14.0-rc.1', '3.14.0-rc.2', false],
    ['~3.14.0-rc.1', '3.14.0-rc.5', true],
    ['~3.14.0-rc.1', '3.14.1-rc.5', false],
    ['^3.14.0-rc.1', '3.14.0-rc.5', true],
    ['^3.14.0-rc.1', '3.99.0', true],
    ['^3.14.0-rc.1', '4.0.0-alpha', false]
  ] as const)('%j against %s → %s', (constraint, version, expected) => {
    expect(matchesConstraint(version, constraint)).toBe(expected)
  })
})

describe('parseConstraint — invalid constraints', () => {
  it.each([
    ['>=v3.12', '>=v3.12', "uses the operator '>=v'"],
    ['>=3.12 || <3', '>=3.12 || <3', "'||'"],
    ['3 || 4', '3 || 4', "'||'"],
    // The semver crate takes wildcards (see semver-crate-vectors.test.ts); Attune pads `>=3.x` to `>=3.x.0`.
    ['>=3.x', '>=3.x', 'wildcard'],
    ['3.x.1', '3.x.1', 'wildcard'],
    ['>=3.12.1.7', '>=3.12.1.7', 'more than three numeric components'],
    ['3.12.1.7', '3.12.1.7', 'more than three numeric components'],
    ['v', 'v', "becomes '~.0'"],
    ['!=3', '!=3', "'!='"],
    ['==3', '==3', "'=='"],
    ['=>3', '=>3', "did you mean '>='"],
    ['~>3.12', '~>3.12', "'~>'"],
    ['>', '>', "no version after it"],
    ['^', '^', "no version after it"],
    ['*, >=3', '*', "must be the only comparator"],
    ['>=3, *', '*', "must be the only comparator"],
    ['*3', '*3', 'wildcard'],
    ['>=3.12 <4', '>=3.12 <4', "separate comparators with ','"],
    ['3.12-beta', '3.12-beta', 'pre-release or build tag without a full MAJOR.MINOR.PATCH'],
    ['>=3-rc.1', '>=3-rc.1', 'pre-release or build tag without a full MAJOR.MINOR.PATCH'],
    ['>=03.12', '>=03.12', 'leading zero'],
    ['>=3.12, latest', 'latest', "'latest'"],
    ['python>=3.12', 'python>=3.12', "'python>='"],
    // Past u64::MAX the crate overflows (below it, numbers are exact: see semver-crate-vectors.test.ts).
    ['99999999999999999999', '99999999999999999999', 'value of major version number exceeds u64::MAX'],
    ['3.99999999999999999999', '3.99999999999999999999', 'value of minor version number exceeds u64::MAX'],
    ['>=99999999999999999999', '>=99999999999999999999', 'has a number larger than u64::MAX']
  ])('%j is invalid and names %j', (text, part, why) => {
    let error: unknown = null
    try {
      parseConstraint(text)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConstraintError)
    const constraintError = error as ConstraintError
    expect(constraintError.constraint).toBe(text)
    expect(constraintError.part).toBe(part)
    expect(constraintError.message).toContain(`Invalid version constraint '${text}'`)
    expect(constraintError.message).toContain(why)
  })

  it('suggests the fix for a v after an operator', () => {
    expect(() => parseConstraint('>= v3.12')).toThrow("e.g. '>= 3.12'")
  })

  it('rejects more than 32 comparators, like Rust semver', () => {
    const parts = (count: number): string => Array.from({ length: count }, () => '>=1').join(',')
    expect(parseConstraint(parts(32)).comparators).toHaveLength(32)
    expect(() => parseConstraint(parts(33))).toThrow('more than 32 comparators')
  })
})

describe('parseConstraint — partial tilde from a bare X.Y', () => {
  it('never admits a pre-release, even when another comparator names it (Rust `~3.12` ends with pre >= "")', () => {
    expect(matchesConstraint('3.12.3-rc.1', '3.12, >=3.12.3-rc.1')).toBe(false)
    expect(matchesConstraint('3.12.3-rc.1', '~3.12, >=3.12.3-rc.1')).toBe(true)
    expect(matchesConstraint('3.12.3', '3.12, >=3.12.3-rc.1')).toBe(true)
  })
})
