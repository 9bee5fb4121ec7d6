/** Where in a version the semver crate's parser was when it failed (`semver` src/error.rs `Position`). */
export type CratePosition = 'major' | 'minor' | 'patch' | 'pre' | 'build'

/** The semver crate's `ErrorKind`, one variant per kind of failure (`semver` src/error.rs). */
export type CrateErrorKind =
  | { readonly kind: 'Empty' }
  | { readonly kind: 'UnexpectedEnd'; readonly pos: CratePosition }
  | { readonly kind: 'UnexpectedChar'; readonly pos: CratePosition; readonly ch: string }
  | { readonly kind: 'UnexpectedCharAfter'; readonly pos: CratePosition; readonly ch: string }
  | { readonly kind: 'ExpectedCommaFound'; readonly pos: CratePosition; readonly ch: string }
  | { readonly kind: 'LeadingZero'; readonly pos: CratePosition }
  | { readonly kind: 'Overflow'; readonly pos: CratePosition }
  | { readonly kind: 'EmptySegment'; readonly pos: CratePosition }
  | { readonly kind: 'WildcardNotTheOnlyComparator'; readonly ch: string }
  | { readonly kind: 'UnexpectedAfterWildcard' }
  | { readonly kind: 'ExcessiveComparators' }

const POSITION_TEXT: Readonly<Record<CratePosition, string>> = {
  major: 'major version number',
  minor: 'minor version number',
  patch: 'patch version number',
  pre: 'pre-release identifier',
  build: 'build metadata'
}

/**
 * A parse failure of the semver crate, whose message is the crate's `Display` text word for word.
 *
 * Attune puts that text into its own errors (`version_matching.rs` `parse_version`, `parse_constraint`).
 */
export class CrateError extends Error {
  override readonly name = 'CrateError'

  constructor(readonly detail: CrateErrorKind) {
    super(describe(detail))
  }
}

function describe(detail: CrateErrorKind): string {
  switch (detail.kind) {
    case 'Empty':
      return 'empty string, expected a semver version'
    case 'UnexpectedEnd':
      return `unexpected end of input while parsing ${POSITION_TEXT[detail.pos]}`
    case 'UnexpectedChar':
      return `unexpected character ${quoteChar(detail.ch)} while parsing ${POSITION_TEXT[detail.pos]}`
    case 'UnexpectedCharAfter':
      return `unexpected character ${quoteChar(detail.ch)} after ${POSITION_TEXT[detail.pos]}`
    case 'ExpectedCommaFound':
      return `expected comma after ${POSITION_TEXT[detail.pos]}, found ${quoteChar(detail.ch)}`
    case 'LeadingZero':
      return `invalid leading zero in ${POSITION_TEXT[detail.pos]}`
    case 'Overflow':
      return `value of ${POSITION_TEXT[detail.pos]} exceeds u64::MAX`
    case 'EmptySegment':
      return `empty identifier segment in ${POSITION_TEXT[detail.pos]}`
    case 'WildcardNotTheOnlyComparator':
      return `wildcard req (${detail.ch}) must be the only comparator in the version req`
    case 'UnexpectedAfterWildcard':
      return 'unexpected character after wildcard in version req'
    case 'ExcessiveComparators':
      return 'excessive number of version comparators'
  }
}

const ESCAPES: Readonly<Record<string, string>> = { '\0': '\\0', '\t': '\\t', '\r': '\\r', '\n': '\\n', "'": "\\'", '\\': '\\\\' }

// Rust's `{:?}` of a char (`QuotedChar`): named escapes, `\u{…}` for control, format and separator
// characters other than the space; an approximation of `char::escape_debug`, which only a human reads here.
function quoteChar(ch: string): string {
  const named = ESCAPES[ch]
  if (named !== undefined) return `'${named}'`
  if (ch !== ' ' && /^[\p{C}\p{Z}]$/u.test(ch)) return `'\\u{${(ch.codePointAt(0) ?? 0).toString(16)}}'`
  return `'${ch}'`
}
