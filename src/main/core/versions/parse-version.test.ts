import { describe, expect, it } from 'vitest'
import { compareVersions, extractVersionComponents, parseVersion, tryParseVersion } from './parse-version'
import { formatCrateVersion } from './semver-crate/crate-types'
import { VersionError } from './version-errors'

describe('parseVersion — spec §2.7 cases', () => {
  it.each([
    ['3.12.1', '3.12.1'],
    ['3.12', '3.12.0'],
    ['3', '3.0.0'],
    ['v3.12.1', '3.12.1'],
    ['V20.11.0', '20.11.0'],
    ['  3.12.1  ', '3.12.1']
  ])('%j → %s', (text, expected) => {
    expect(formatCrateVersion(parseVersion(text))).toBe(expected)
  })

  it('rejects not-a-version', () => {
    expect(() => parseVersion('not-a-version')).toThrow(VersionError)
  })
})

describe('parseVersion — spec §2.1 rules', () => {
  it.each([
    ['3.12.1.7', '3.12.1'],
    ['3.12.1.7.9', '3.12.1'],
    ['3.12.1-beta.1', '3.12.1-beta.1'],
    ['3.12.1+build.5', '3.12.1+build.5'],
    ['3.12.1-rc.1+build', '3.12.1-rc.1+build'],
    ['3.12.1.7-rc', '3.12.1'],
    ['v3', '3.0.0'],
    ['0.0.0', '0.0.0'],
    ['\t20\n', '20.0.0']
  ])('%j → %s', (text, expected) => {
    expect(formatCrateVersion(parseVersion(text))).toBe(expected)
  })

  it('keeps build metadata from the strict path', () => {
    expect(parseVersion('1.2.3+linux.x64').build).toBe('linux.x64')
  })

  it.each([
    '3.12-beta',
    '3-beta',
    '',
    '   ',
    'v',
    'vv3.12',
    '=3.12.1',
    '>=3.12',
    '03.12.1',
    '3.012',
    '3.12.01',
    '3.12.1-01',
    '3.12.1-',
    '3.12.1+',
    '3..1',
    '3.x',
    '3.12.x',
    '*',
    '3.12.1 4',
    'python3.12',
    '99999999999999999999.0.0'
  ])('rejects %j', (text) => {
    expect(() => parseVersion(text)).toThrow(VersionError)
    expect(tryParseVersion(text)).toBeNull()
  })

  it('names the text and the reason in the error', () => {
    expect(() => parseVersion('3.12-beta')).toThrow(
      "Invalid version string '3.12-beta': it has a pre-release or build tag without a full MAJOR.MINOR.PATCH before it"
    )
    expect(() => parseVersion('03.1')).toThrow("Invalid version string '03.1': it has a number with a leading zero")
    const error = (() => {
      try {
        parseVersion('not-a-version')
      } catch (caught) {
        return caught
      }
      return null
    })()
    expect(error).toBeInstanceOf(VersionError)
    expect((error as VersionError).text).toBe('not-a-version')
  })
})

describe('compareVersions', () => {
  it.each([
    ['3.12', '3.12.0', 0],
    ['v3.12.0', '3.12', 0],
    ['3.13.0-rc.1', '3.13.0', -1],
    ['3.13.0-rc.1', '3.12.9', 1],
    ['3.13.0-alpha', '3.13.0-beta', -1],
    ['3.13.0-rc.2', '3.13.0-rc.10', -1],
    ['3.13.0-1', '3.13.0-alpha', -1],
    ['1.0.0', '1.0.0+build', -1],
    ['1.0.0+a', '1.0.0+b', -1],
    ['10.0.0', '9.99.99', 1]
  ] as const)('%s vs %s → %d', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected)
    expect(compareVersions(b, a)).toBe(-expected || 0)
  })

  it('accepts parsed versions', () => {
    expect(compareVersions(parseVersion('2'), parseVersion('1.9'))).toBe(1)
  })

  it('throws on an unparseable string', () => {
    expect(() => compareVersions('3.12', 'nope')).toThrow(VersionError)
  })
})

describe('extractVersionComponents — spec §2.6', () => {
  it.each([
    // spec §2.7
    ['3.12.1', 3, 12, 1],
    ['20.11', 20, 11, null],
    ['20', 20, null, null],
    ['not-a-version', null, null, null],
    // own
    ['v3.12', 3, 12, null],
    ['  V3  ', 3, null, null],
    ['3.12.1.7', 3, 12, 1],
    ['3.12.1-rc.1', 3, 12, 1],
    ['3.12.1+build.7', 3, 12, 1],
    ['0.0.0', 0, 0, 0],
    ['3.12-beta', null, null, null],
    ['', null, null, null],
    ['2147483648.1.2', null, 1, 2]
  ] as const)('%j → (%s, %s, %s)', (text, major, minor, patch) => {
    expect(extractVersionComponents(text)).toEqual({ major, minor, patch })
  })
})

describe('parseVersion — parsed once per text', () => {
  it('answers a text parsed before alike, and still refuses a bad text every time', () => {
    expect(parseVersion('3.12')).toEqual(parseVersion('3.12'))
    expect(parseVersion(' v3.12 ')).toMatchObject({ major: 3n, minor: 12n, patch: 0n })
    expect(() => parseVersion('3.12-beta')).toThrow(VersionError)
    expect(() => parseVersion('3.12-beta')).toThrow(VersionError)
  })
})
