import { describe, expect, it } from 'vitest'
import { matchesConstraint, parseConstraint } from './parse-constraint'
import { compareVersions, extractVersionComponents, parseVersion } from './parse-version'
import { selectBestVersion } from './select-best-version'
import { CrateError } from './semver-crate/crate-error'
import { crateReqMatches } from './semver-crate/crate-eval'
import { compareBuildMetadata, comparePrerelease } from './semver-crate/crate-order'
import { parseCrateVersion, parseCrateVersionReq } from './semver-crate/crate-parse'
import { formatCrateVersion } from './semver-crate/crate-types'
import { ConstraintError, VersionError } from './version-errors'

// Vectors read from the worker's Rust: attune-system/attune crates/common/src/version_matching.rs (VM) and
// the semver crate it calls, dtolnay/semver (SC). Each row names the file and function it comes from.
type Match = readonly [source: string, req: string, matching: readonly string[], notMatching: readonly string[]]

// The crate's own `VersionReq` grammar (no Attune normalisation: a bare `1.0.0` is `^1.0.0` here).
const CRATE_MATCH: readonly Match[] = [
  ['SC tests/test_version_req.rs test_basic', '1.0.0', ['1.0.0', '1.1.0', '1.0.1'], ['0.9.9', '0.10.0', '0.1.0', '1.0.0-pre', '1.0.1-pre']],
  ['SC tests/test_version_req.rs test_exact', '=1.0.0', ['1.0.0'], ['1.0.1', '0.9.9', '0.10.0', '0.1.0', '1.0.0-pre']],
  ['SC tests/test_version_req.rs test_exact', '=0.1.0-beta2.a', ['0.1.0-beta2.a'], ['0.9.1', '0.1.0', '0.1.1-beta2.a', '0.1.0-beta2']],
  ['SC tests/test_version_req.rs test_exact', '=0.1.0+meta', ['0.1.0', '0.1.0+meta', '0.1.0+any'], []],
  ['SC tests/test_version_req.rs test_greater_than', '>= 1.0.0', ['1.0.0', '2.0.0'], ['0.1.0', '0.0.1', '1.0.0-pre', '2.0.0-pre']],
  ['SC tests/test_version_req.rs test_greater_than', '>= 2.1.0-alpha2', ['2.1.0-alpha2', '2.1.0-alpha3', '2.1.0', '3.0.0'], ['2.0.0', '2.1.0-alpha1', '2.0.0-alpha2', '3.0.0-alpha2']],
  ['SC tests/test_version_req.rs test_less_than', '< 1.0.0', ['0.1.0', '0.0.1'], ['1.0.0', '1.0.0-beta', '1.0.1', '0.9.9-alpha']],
  ['SC tests/test_version_req.rs test_less_than', '<= 2.1.0-alpha2', ['2.1.0-alpha2', '2.1.0-alpha1', '2.0.0', '1.0.0'], ['2.1.0', '2.2.0-alpha1', '2.0.0-alpha2', '1.0.0-alpha2']],
  ['SC tests/test_version_req.rs test_less_than', '>1.0.0-alpha, <1.0.0', ['1.0.0-beta'], []],
  ['SC tests/test_version_req.rs test_less_than', '>1.0.0-alpha, <1.0', [], ['1.0.0-beta']],
  ['SC tests/test_version_req.rs test_multiple', '> 0.0.9, <= 2.5.3', ['0.0.10', '1.0.0', '2.5.3'], ['0.0.8', '2.5.4']],
  ['SC tests/test_version_req.rs test_multiple', '0.1.0, 0.1.4, 0.1.6', ['0.1.6', '0.1.9'], ['0.1.0', '0.1.4', '0.2.0']],
  ['SC tests/test_version_req.rs test_multiple', '>=0.5.1-alpha3, <0.6', ['0.5.1-alpha3', '0.5.1-alpha4', '0.5.1-beta', '0.5.1', '0.5.5'], ['0.5.1-alpha1', '0.5.2-alpha3', '0.5.5-pre', '0.5.0-pre', '0.6.0', '0.6.0-pre']],
  ['SC tests/test_version_req.rs test_tilde', '~1', ['1.0.0', '1.0.1', '1.1.1'], ['0.9.1', '2.9.0', '0.0.9']],
  ['SC tests/test_version_req.rs test_tilde', '~1.2', ['1.2.0', '1.2.1'], ['1.1.1', '1.3.0', '0.0.9']],
  ['SC tests/test_version_req.rs test_tilde', '~1.2.3-beta.2', ['1.2.3', '1.2.4', '1.2.3-beta.2', '1.2.3-beta.4'], ['1.3.3', '1.1.4', '1.2.3-beta.1', '1.2.4-beta.2']],
  ['SC tests/test_version_req.rs test_caret', '^1', ['1.1.2', '1.1.0', '1.2.1', '1.0.1'], ['0.9.1', '2.9.0', '0.1.4', '1.0.0-beta1', '1.0.1-pre']],
  ['SC tests/test_version_req.rs test_caret', '^0.1.2', ['0.1.2', '0.1.4'], ['0.9.1', '2.9.0', '1.1.1', '0.0.1', '0.1.2-beta', '0.2.0-pre']],
  ['SC tests/test_version_req.rs test_caret', '^0.0', ['0.0.2', '0.0.0'], ['0.9.1', '2.9.0', '1.1.1', '0.1.4']],
  ['SC tests/test_version_req.rs test_caret', '^1.4.2-beta.5', ['1.4.2', '1.4.3', '1.4.2-beta.5', '1.4.2-beta.6', '1.4.2-c'], ['0.9.9', '2.0.0', '1.4.2-alpha', '1.4.2-beta.4', '1.4.3-beta.5']],
  ['SC tests/test_version_req.rs test_wildcard', '*', ['0.9.1', '2.9.0', '0.0.9', '1.0.1', '1.1.1'], ['1.0.0-pre']],
  ['SC tests/test_version_req.rs test_wildcard', 'x', ['0.9.1', '2.9.0'], ['1.0.0-pre']],
  ['SC tests/test_version_req.rs test_wildcard', '1.*', ['1.2.0', '1.2.1', '1.1.1', '1.3.0'], ['0.0.9', '1.2.0-pre']],
  ['SC tests/test_version_req.rs test_wildcard', '1.X', ['1.2.0', '1.3.0'], ['0.0.9', '2.0.0']],
  ['SC tests/test_version_req.rs test_wildcard', '1.*.*', ['1.2.0', '1.3.0'], ['0.0.9', '2.0.0']],
  ['SC tests/test_version_req.rs test_wildcard', '1.2.*', ['1.2.0', '1.2.2', '1.2.4'], ['1.9.0', '1.0.9', '2.0.1', '0.1.3', '1.2.2-pre']],
  ['SC tests/test_version_req.rs test_cargo3202', '0.*.*', ['0.5.0'], ['1.0.0']],
  ['SC tests/test_version_req.rs test_pre', '=2.1.1-really.0', ['2.1.1-really.0'], []],
  ['SC src/eval.rs matches_greater (u64, exact)', '>18446744073709551614.0.0', ['18446744073709551615.0.0'], ['18446744073709551614.0.0']],
  ['SC src/eval.rs matches_exact (pre-release numbers above 2^53)', '=1.0.0-9007199254740993', ['1.0.0-9007199254740993'], ['1.0.0-9007199254740992']],
  ['SC src/eval.rs matches_greater (pre-release numbers above 2^53)', '>1.0.0-9007199254740992', ['1.0.0-9007199254740993', '1.0.0-alpha'], ['1.0.0-9007199254740991']]
]

const CRATE_ERRORS: ReadonlyArray<readonly [source: string, req: string, message: string]> = [
  ['SC tests/test_version_req.rs test_wildcard', '', 'unexpected end of input while parsing major version number'],
  ['SC tests/test_version_req.rs test_multiple', '> 0.1.0,', 'unexpected end of input while parsing major version number'],
  ['SC tests/test_version_req.rs test_multiple', '> 0.3.0, ,', "unexpected character ',' while parsing major version number"],
  ['SC tests/test_version_req.rs test_multiple', '1.2.3 - 2.3.4', "expected comma after patch version number, found '-'"],
  ['SC tests/test_version_req.rs test_multiple', Array.from({ length: 33 }, (_, i) => `>${i + 1}`).join(', '), 'excessive number of version comparators'],
  ['SC tests/test_version_req.rs test_whitespace_delimited_comparator_sets', '> 0.0.9 <= 2.5.3', "expected comma after patch version number, found '<'"],
  ['SC tests/test_version_req.rs test_logical_or', '=1.2.3 || =2.3.4', "expected comma after patch version number, found '|'"],
  ['SC tests/test_version_req.rs test_logical_or', '1.1 || =1.2.3', "expected comma after minor version number, found '|'"],
  ['SC tests/test_version_req.rs test_logical_or', '6.* || 8.* || >= 10.*', "expected comma after minor version number, found '|'"],
  ['SC tests/test_version_req.rs test_parse', '\0', "unexpected character '\\0' while parsing major version number"],
  ['SC tests/test_version_req.rs test_parse', '>= >= 0.0.2', "unexpected character '>' while parsing major version number"],
  ['SC tests/test_version_req.rs test_parse', '>== 0.0.2', "unexpected character '=' while parsing major version number"],
  ['SC tests/test_version_req.rs test_parse', 'a.0.0', "unexpected character 'a' while parsing major version number"],
  ['SC tests/test_version_req.rs test_parse', '1.0.0-', 'empty identifier segment in pre-release identifier'],
  ['SC tests/test_version_req.rs test_parse', '>=', 'unexpected end of input while parsing major version number'],
  ['SC tests/test_version_req.rs test_comparator_parse', '1.2.3-01', 'invalid leading zero in pre-release identifier'],
  ['SC tests/test_version_req.rs test_comparator_parse', '1.2.3+4.', 'empty identifier segment in build metadata'],
  ['SC tests/test_version_req.rs test_comparator_parse', '1.', 'unexpected end of input while parsing minor version number'],
  ['SC tests/test_version_req.rs test_comparator_parse', '1.*.', 'unexpected character after wildcard in version req'],
  ['SC tests/test_version_req.rs test_digit_after_wildcard', '*.1', 'unexpected character after wildcard in version req'],
  ['SC tests/test_version_req.rs test_digit_after_wildcard', '1.*.1', 'unexpected character after wildcard in version req'],
  ['SC tests/test_version_req.rs test_digit_after_wildcard', '>=1.*.1', 'unexpected character after wildcard in version req'],
  ['SC tests/test_version_req.rs test_wildcard_and_another', '*, 0.20.0-any', 'wildcard req (*) must be the only comparator in the version req'],
  ['SC tests/test_version_req.rs test_wildcard_and_another', '0.20.0-any, *', 'wildcard req (*) must be the only comparator in the version req'],
  ['SC tests/test_version_req.rs test_wildcard_and_another', '0.20.0-any, *, 1.0', 'wildcard req (*) must be the only comparator in the version req'],
  ['SC src/parse.rs numeric_identifier', '>=18446744073709551616', 'value of major version number exceeds u64::MAX']
]

const VERSION_ERRORS: ReadonlyArray<readonly [source: string, text: string, message: string]> = [
  ['SC tests/test_version.rs test_parse', '', 'empty string, expected a semver version'],
  ['SC tests/test_version.rs test_parse', '  ', "unexpected character ' ' while parsing major version number"],
  ['SC tests/test_version.rs test_parse', '1', 'unexpected end of input while parsing major version number'],
  ['SC tests/test_version.rs test_parse', '1.2', 'unexpected end of input while parsing minor version number'],
  ['SC tests/test_version.rs test_parse', '1.2.3-', 'empty identifier segment in pre-release identifier'],
  ['SC tests/test_version.rs test_parse', 'a.b.c', "unexpected character 'a' while parsing major version number"],
  ['SC tests/test_version.rs test_parse', '1.2.3 abc', "unexpected character ' ' after patch version number"],
  ['SC tests/test_version.rs test_parse', '1.2.3-01', 'invalid leading zero in pre-release identifier'],
  ['SC tests/test_version.rs test_parse', '1.2.3++', 'empty identifier segment in build metadata'],
  ['SC tests/test_version.rs test_parse', '07', 'invalid leading zero in major version number'],
  ['SC tests/test_version.rs test_parse', '111111111111111111111.0.0', 'value of major version number exceeds u64::MAX'],
  ['SC tests/test_version.rs test_parse', '8\0', "unexpected character '\\0' after major version number"]
]

// Attune's normalisation in front of the crate: bare parts become tildes, operator forms are padded.
const ATTUNE_MATCH: readonly Match[] = [
  ['VM version_matching.rs test_parse_constraint_gte', '>=3.12', ['3.12.0', '3.13.0', '4.0.0'], ['3.11.9']],
  ['VM version_matching.rs test_parse_constraint_exact_with_eq', '=3.12.1', ['3.12.1'], ['3.12.2']],
  ['VM version_matching.rs test_parse_constraint_bare_version', '3.12', ['3.12.0', '3.12.9'], ['3.13.0', '3.11.0']],
  ['VM version_matching.rs test_parse_constraint_tilde', '~3.12', ['3.12.0', '3.12.99'], ['3.13.0']],
  ['VM version_matching.rs test_parse_constraint_caret', '^3.12', ['3.12.0', '3.99.0'], ['4.0.0']],
  ['VM version_matching.rs test_parse_constraint_range', '>=3.12,<4.0', ['3.12.0', '3.99.0'], ['4.0.0', '3.11.0']],
  ['VM version_matching.rs test_parse_constraint_empty', '', ['0.0.1', '999.0.0'], []],
  ['VM version_matching.rs test_parse_constraint_lt', '<4.0', ['3.99.99'], ['4.0.0']],
  ['VM version_matching.rs test_parse_constraint_lte', '<=3.12', ['3.12.0'], ['3.12.1', '3.13.0']],
  ['VM version_matching.rs test_parse_constraint_gt', '>3.12', ['3.12.1', '3.13.0'], ['3.12.0']],
  ['VM version_matching.rs test_matches_constraint_basic', '>=3.12', ['3.12.1'], ['3.11.0']],
  ['VM version_matching.rs test_matches_constraint_range', '>=3.12,<4.0', ['3.12.5'], ['4.0.0']],
  ['VM version_matching.rs test_matches_constraint_caret', '^3.12', ['3.15.0'], ['4.0.0']],
  ['VM version_matching.rs test_matches_constraint_node_versions', '>=18', ['20.11.0', '18.0.0'], ['16.20.0']],
  // Wildcards: parse_constraint hands them through; the crate's `comparator` leaves minor/patch unset.
  ['VM parse_constraint (bare → ~3.x) + SC parse.rs comparator', '3.x', ['3.0.0', '3.12.1', '3.99.0'], ['2.9.9', '4.0.0', '3.13.0-rc.1']],
  ['VM parse_constraint (bare → ~3.*) + SC parse.rs comparator', '3.*', ['3.0.0', '3.12.1'], ['4.0.0']],
  ['VM parse_constraint (bare → ~3.12.x) + SC parse.rs comparator', '3.12.x', ['3.12.0', '3.12.9'], ['3.13.0', '3.11.9']],
  ['VM parse_constraint (bare → ~3.x.x) + SC parse.rs comparator', '3.x.x', ['3.0.0', '3.99.99'], ['4.0.0']],
  ['VM parse_constraint (two dots kept) + SC eval.rs matches_greater', '>=3.x.x', ['3.0.0', '4.0.0', '3.12.1'], ['2.99.99']],
  ['VM parse_constraint (two dots kept) + SC eval.rs matches_exact', '=3.x.x', ['3.0.0', '3.12.1'], ['4.0.0', '2.0.0']],
  ['VM parse_constraint (no digit → op only) + SC parse.rs VersionReq::from_str', 'x', ['0.0.1', '3.12.1'], ['3.13.0-rc.1']],
  ['VM parse_constraint + SC parse.rs VersionReq::from_str', 'X', ['9.9.9'], ['1.0.0-alpha']],
  ['VM parse_constraint + SC parse.rs VersionReq::from_str', '*', ['9.9.9'], ['1.0.0-alpha']],
  ['VM parse_constraint (padded <3.x.0?) + SC eval.rs matches_less', '<3.x.x', ['2.99.99'], ['3.0.0']],
  ['VM parse_constraint (bare → ~3.x) + SC eval.rs matches_tilde', '3.x, <3.5', ['3.4.9'], ['3.5.0']],
  // Unicode whitespace: Rust's `trim` takes U+0085 and U+3000, not U+FEFF.
  ['VM parse_constraint (str::trim, White_Space)', '\u0085>=3.12\u0085', ['3.12.0'], ['3.11.0']],
  ['VM parse_constraint (str::trim, White_Space)', '\u3000 3.12 ,\u2003<3.12.5\u00a0', ['3.12.4'], ['3.12.5']],
  ['VM parse_constraint (bare `v` then a space → `~ 3.12`; SC comparator skips spaces)', 'v 3.12', ['3.12.0', '3.12.7'], ['3.13.0']],
  ['VM parse_constraint (bare, V stripped)', 'V3.12.1', ['3.12.1', '3.12.9'], ['3.13.0']],
  ['VM parse_constraint (space after the operator)', '>=  3.12', ['3.12.0'], ['3.11.0']],
  // Huge numbers: u64 everywhere, compared exactly.
  ['VM parse_constraint + SC parse.rs numeric_identifier (u64)', '>=18446744073709551615', ['18446744073709551615.0.0'], ['18446744073709551614.99.0']],
  ['VM parse_constraint + SC eval.rs (numbers past 2^53)', '=9007199254740993.1.1', ['9007199254740993.1.1'], ['9007199254740992.1.1']],
  ['VM parse_constraint + SC eval.rs (pre-release past 2^53)', '>=1.0.0-9007199254740993', ['1.0.0-9007199254740994', '1.0.0'], ['1.0.0-9007199254740992']],
  // Build metadata is parsed and dropped in comparators.
  ['VM parse_constraint + SC parse.rs comparator (build dropped)', '=3.12.1+build.7', ['3.12.1', '3.12.1+other'], ['3.12.2']],
  // Pre-releases need a comparator naming the same triple with a pre-release.
  ['VM parse_constraint + SC eval.rs matches_req (pre rule)', '>=3.12', [], ['3.14.0-rc.1']],
  ['VM parse_constraint + SC eval.rs matches_req (pre rule)', '3.12, >=3.12.3-rc.1', ['3.12.3'], ['3.12.3-rc.1']],
  ['VM parse_constraint + SC eval.rs matches_req (pre rule)', '~3.12, >=3.12.3-rc.1', ['3.12.3-rc.1', '3.12.3'], ['3.12.2']],
  // Commas: empty parts dropped before the crate sees them.
  ['VM parse_constraint (empty parts filtered)', ',>=3.12,,<4,', ['3.12.0'], ['4.0.0']]
]

const ATTUNE_ERRORS: ReadonlyArray<readonly [source: string, constraint: string, crateMessage: string]> = [
  ['VM parse_constraint (pads >=3.x to >=3.x.0) + SC comparator', '>=3.x', 'unexpected character after wildcard in version req'],
  ['VM parse_constraint (pads =3.* to =3.*.0) + SC comparator', '=3.*', 'unexpected character after wildcard in version req'],
  ['VM parse_constraint (bare ~3.x.1) + SC comparator', '3.x.1', 'unexpected character after wildcard in version req'],
  ['VM parse_constraint (x among others) + SC version_req', 'x, >=3', 'wildcard req (x) must be the only comparator in the version req'],
  ['VM parse_constraint (X last) + SC version_req', '>=3, X', 'wildcard req (X) must be the only comparator in the version req'],
  ['VM parse_constraint (U+FEFF is not trimmed)', '\ufeff>=3.12', "unexpected character '\\u{feff}' while parsing major version number"],
  ['VM parse_constraint (v after operator stays in the op)', '>=v3.12', "unexpected character 'v' while parsing major version number"],
  ['VM parse_constraint (u64 overflow)', '>=18446744073709551616', 'value of major version number exceeds u64::MAX'],
  ['VM parse_constraint (`||`)', '>=3.12 || <3', "expected comma after minor version number, found '|'"],
  ['VM parse_constraint (space, no comma)', '>=3.12 <4', "expected comma after minor version number, found '<'"],
  ['VM parse_constraint (bare `v` alone → `~.0`)', 'v', "unexpected character '.' while parsing major version number"],
  ['VM parse_constraint (tag without patch)', '3.12-beta', "expected comma after minor version number, found '-'"]
]

const crateVersion = (text: string) => parseCrateVersion(text)

describe('semver crate VersionReq, ported (vectors from its tests)', () => {
  it.each(CRATE_MATCH)('%s: %j', (_source, req, matching, notMatching) => {
    const parsed = parseCrateVersionReq(req)
    for (const version of matching) expect(crateReqMatches(parsed, crateVersion(version)), `${version} matches`).toBe(true)
    for (const version of notMatching) expect(crateReqMatches(parsed, crateVersion(version)), `${version} does not`).toBe(false)
  })

  it.each(CRATE_ERRORS)('%s: %j fails with the crate message', (_source, req, message) => {
    expect(() => parseCrateVersionReq(req)).toThrow(new CrateError({ kind: 'Empty' }).constructor as typeof CrateError)
    expect(() => parseCrateVersionReq(req)).toThrow(message)
  })

  it.each(VERSION_ERRORS)('%s: Version::parse(%j) fails with the crate message', (_source, text, message) => {
    let caught: unknown = null
    try {
      parseCrateVersion(text)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(CrateError)
    expect((caught as CrateError).message).toBe(message)
  })

  it('SC tests/test_version_req.rs test_leading_digit_in_pre_and_build: every operator takes them', () => {
    for (const op of ['=', '>', '>=', '<', '<=', '~', '^']) {
      for (const tail of ['-1a', '+1a', '-01a', '+01', '-1+1', '-1-1+1-1-1', '-1a+1a', '-1a-1a+1a-1a-1a']) {
        expect(() => parseCrateVersionReq(`${op} 1.2.3${tail}`)).not.toThrow()
      }
    }
  })

  it('SC tests/test_version.rs test_parse: versions keep pre-release and build as written', () => {
    expect(formatCrateVersion(crateVersion('1.2.3-1.alpha1.9+build5.7.3aedf'))).toBe('1.2.3-1.alpha1.9+build5.7.3aedf')
    expect(crateVersion('1.2.3-0a.alpha1.9+05build.7.3aedf')).toMatchObject({ pre: '0a.alpha1.9', build: '05build.7.3aedf' })
    expect(crateVersion('1.1.0-beta-10')).toMatchObject({ major: 1n, minor: 1n, patch: 0n, pre: 'beta-10', build: '' })
    expect(crateVersion('18446744073709551615.0.0').major).toBe(18446744073709551615n)
  })
})

// Ord for Version / Prerelease / BuildMetadata: [source, lower, higher].
const ORDER: ReadonlyArray<readonly [source: string, lower: string, higher: string]> = [
  ['SC tests/test_version.rs test_lt', '0.0.0', '1.2.3-alpha2'],
  ['SC tests/test_version.rs test_lt', '1.2.0', '1.2.3-alpha2'],
  ['SC tests/test_version.rs test_lt', '1.2.3-alpha1', '1.2.3'],
  ['SC tests/test_version.rs test_lt', '1.2.3-alpha1', '1.2.3-alpha2'],
  ['SC tests/test_version.rs test_lt', '1.2.3+23', '1.2.3+42'],
  ['SC tests/test_version.rs test_spec_order', '1.0.0-alpha', '1.0.0-alpha.1'],
  ['SC tests/test_version.rs test_spec_order', '1.0.0-alpha.1', '1.0.0-alpha.beta'],
  ['SC tests/test_version.rs test_spec_order', '1.0.0-alpha.beta', '1.0.0-beta'],
  ['SC tests/test_version.rs test_spec_order', '1.0.0-beta', '1.0.0-beta.2'],
  ['SC tests/test_version.rs test_spec_order', '1.0.0-beta.2', '1.0.0-beta.11'],
  ['SC tests/test_version.rs test_spec_order', '1.0.0-beta.11', '1.0.0-rc.1'],
  ['SC tests/test_version.rs test_spec_order', '1.0.0-rc.1', '1.0.0'],
  ['SC src/impls.rs Ord for Prerelease (numeric past 2^53)', '1.0.0-9007199254740992', '1.0.0-9007199254740993'],
  ['SC src/impls.rs Ord for Prerelease (numeric, any length)', '1.0.0-99999999999999999999', '1.0.0-100000000000000000000'],
  ['SC src/impls.rs Ord for BuildMetadata (0 < 00 < 1 < 01)', '1.0.0+0', '1.0.0+00'],
  ['SC src/impls.rs Ord for BuildMetadata (0 < 00 < 1 < 01)', '1.0.0+00', '1.0.0+1'],
  ['SC src/impls.rs Ord for BuildMetadata (0 < 00 < 1 < 01)', '1.0.0+1', '1.0.0+01'],
  ['SC src/impls.rs Ord for BuildMetadata (001 < 2 < 02 < 10)', '1.0.0+001', '1.0.0+2'],
  ['SC src/impls.rs Ord for BuildMetadata (001 < 2 < 02 < 10)', '1.0.0+02', '1.0.0+10'],
  ['SC src/impls.rs Ord for BuildMetadata (numeric below alphanumeric)', '1.0.0+99', '1.0.0+a'],
  ['SC src/impls.rs Ord for BuildMetadata (more fields higher)', '1.0.0+a', '1.0.0+a.1'],
  ['SC src/lib.rs Version (derived Ord, u64)', '9007199254740992.0.0', '9007199254740993.0.0'],
  ['VM parse_version + SC Ord (padded equals written: 3.12 = 3.12.0 below 3.12.1)', '3.12', '3.12.1']
]

describe('semver crate Ord, ported', () => {
  it.each(ORDER)('%s: %s < %s', (_source, lower, higher) => {
    expect(compareVersions(lower, higher)).toBe(-1)
    expect(compareVersions(higher, lower)).toBe(1)
    expect(compareVersions(lower, lower)).toBe(0)
  })

  it('SC src/impls.rs: pre-release and build orders on their own', () => {
    expect(comparePrerelease('', 'alpha')).toBe(1)
    expect(comparePrerelease('1', 'a')).toBe(-1)
    expect(compareBuildMetadata('', '1')).toBe(-1)
    expect(compareBuildMetadata('1', '001')).toBe(-1)
  })
})

describe('Attune parse_constraint and matches_constraint in front of the crate', () => {
  it.each(ATTUNE_MATCH)('%s: %j', (_source, constraint, matching, notMatching) => {
    for (const version of matching) expect(matchesConstraint(version, constraint), `${version} matches`).toBe(true)
    for (const version of notMatching) expect(matchesConstraint(version, constraint), `${version} does not`).toBe(false)
  })

  it.each(ATTUNE_ERRORS)('%s: %j is invalid with the crate message', (_source, constraint, crateMessage) => {
    let caught: unknown = null
    try {
      parseConstraint(constraint)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ConstraintError)
    expect((caught as ConstraintError).message).toContain(crateMessage)
  })

  it('VM parse_constraint: a wildcard leaves minor and patch unset', () => {
    expect(parseConstraint('3.x').comparators[0]).toMatchObject({ op: '~', major: 3n, minor: null, patch: null, normalized: '~3.x' })
    expect(parseConstraint('3.12.*').comparators[0]).toMatchObject({ op: '~', major: 3n, minor: 12n, patch: null })
    expect(parseConstraint('>=3.x.x').comparators[0]).toMatchObject({ op: '>=', major: 3n, minor: null, patch: null })
    expect(parseConstraint('x').normalized).toBe('*')
    expect(parseConstraint('x').comparators).toEqual([])
  })
})

describe('Attune parse_version and extract_version_components', () => {
  it.each([
    ['VM test_parse_version_full', '3.12.1', '3.12.1'],
    ['VM test_parse_version_two_parts', '3.12', '3.12.0'],
    ['VM test_parse_version_one_part', '3', '3.0.0'],
    ['VM test_parse_version_leading_v', 'v3.12.1', '3.12.1'],
    ['VM test_parse_version_leading_v_uppercase', 'V20.11.0', '20.11.0'],
    ['VM test_parse_version_with_whitespace', '  3.12.1  ', '3.12.1'],
    ['VM parse_version (str::trim takes U+0085)', '\u00853.12.1\u0085', '3.12.1'],
    ['VM parse_version (first three of any length)', '3.12.1.7.8.9.10.11', '3.12.1'],
    ['VM parse_version (u64 major)', '18446744073709551615', '18446744073709551615.0.0'],
    ['VM parse_version (strict path keeps tags)', 'v1.2.3-rc.1+b.01', '1.2.3-rc.1+b.01']
  ])('%s: %j → %s', (_source, text, expected) => {
    expect(formatCrateVersion(parseVersion(text))).toBe(expected)
  })

  it.each([
    ['VM test_parse_version_invalid', 'not-a-version'],
    ['VM parse_version (str::trim keeps U+FEFF)', '\ufeff3.12.1'],
    ['VM parse_version (a space after v is not stripped)', 'v 3.12'],
    ['VM parse_version (u64 overflow)', '18446744073709551616.0.0']
  ])('%s: %j is rejected', (_source, text) => {
    expect(() => parseVersion(text)).toThrow(VersionError)
  })

  it.each([
    ['VM test_extract_components_full', '3.12.1', 3, 12, 1],
    ['VM test_extract_components_partial', '20.11', 20, 11, null],
    ['VM test_extract_components_partial', '20', 20, null, null],
    ['VM test_extract_components_invalid', 'not-a-version', null, null, null],
    ['VM extract_version_components (i32::try_from)', '2147483648.2147483647.1', null, 2147483647, 1]
  ] as const)('%s: %j', (_source, text, major, minor, patch) => {
    expect(extractVersionComponents(text)).toEqual({ major, minor, patch })
  })
})

const rows = (...specs: ReadonlyArray<readonly [number, string, boolean?, boolean?]>) =>
  specs.map(([id, version, isDefault = false, available = true]) => ({ id, version, isDefault, available }))

describe('Attune select_best_version', () => {
  it.each([
    ['VM test_select_best_no_constraint_prefers_default', rows([1, '3.11.0'], [2, '3.12.0', true], [3, '3.14.0']), null, 2],
    ['VM test_select_best_no_constraint_no_default_picks_highest', rows([1, '3.11.0'], [2, '3.12.0'], [3, '3.14.0']), null, 3],
    ['VM test_select_best_with_constraint', rows([1, '3.11.0'], [2, '3.12.0'], [3, '3.14.0']), '>=3.12,<3.14', 2],
    ['VM test_select_best_with_constraint_picks_highest_match', rows([1, '3.11.0'], [2, '3.12.0'], [3, '3.12.5'], [4, '3.13.0']), '~3.12', 3],
    ['VM test_select_best_skips_unavailable', rows([1, '3.12.0'], [2, '3.14.0', false, false]), '>=3.12', 1],
    ['VM test_select_best_no_match', rows([1, '3.11.0'], [2, '3.12.0']), '>=4.0', null],
    ['VM test_select_best_empty_versions', rows(), null, null],
    ['VM test_select_best_all_unavailable', rows([1, '3.12.0', false, false], [2, '3.14.0', false, false]), null, null],
    ['VM select_best_version (wildcard constraint)', rows([1, '2.7.18'], [2, '3.11.9'], [3, '3.12.4'], [4, '4.0.0']), '3.x', 3],
    ['VM select_best_version (`3.12.x`)', rows([1, '3.12.1'], [2, '3.12.4'], [3, '3.13.0']), '3.12.x', 2],
    ['VM select_best_version (lone x: highest release, not the default)', rows([1, '3.12.0', true], [2, '3.13.0'], [3, '3.14.0-rc.1']), 'x', 2],
    ['VM select_best_version (`>=3.x` invalid → none)', rows([1, '3.12.0', true]), '>=3.x', null],
    ['VM select_best_version (sort by Ord: pre-release past 2^53)', rows([1, '1.0.0-9007199254740993'], [2, '1.0.0-9007199254740992']), null, 1],
    ['VM select_best_version (sort by Ord: +01 above +1)', rows([1, '1.0.0+1'], [2, '1.0.0+01']), '=1.0.0', 2],
    ['VM select_best_version (stable: first of equals)', rows([1, '3.12'], [2, '3.12.0']), '3.12', 1]
  ] as const)('%s', (_source, candidates, constraint, expectedId) => {
    expect(selectBestVersion(candidates, constraint)?.id ?? null).toBe(expectedId)
  })
})

describe('the vectors above', () => {
  it('number at least 100 constraint/selection cases', () => {
    const count = (table: readonly Match[]) => table.reduce((sum, [, , yes, no]) => sum + yes.length + no.length, 0)
    expect(count(CRATE_MATCH) + count(ATTUNE_MATCH) + CRATE_ERRORS.length + ATTUNE_ERRORS.length).toBeGreaterThanOrEqual(100)
  })
})
