import { CrateError, type CratePosition } from './crate-error'
import type { CrateComparator, CrateOp, CrateVersion, CrateVersionReq } from './crate-types'

// A port of dtolnay/semver src/parse.rs: the worker's grammar for `Version::parse` and `VersionReq::parse`.
// Hand-written because no npm package parses this grammar (npm's `semver` differs on wildcards, `||`,
// spaces, u64 numbers and 256-character limits); every function names the one of the crate it mirrors.

const U64_MAX = 2n ** 64n - 1n
const MAX_COMPARATORS = 32

/** `Version::from_str`: strict `MAJOR.MINOR.PATCH[-pre][+build]`, numbers up to u64::MAX, no spaces. */
export function parseCrateVersion(text: string): CrateVersion {
  if (text === '') throw new CrateError({ kind: 'Empty' })
  const [major, afterMajor] = numericIdentifier(text, 'major')
  const [minor, afterMinor] = numericIdentifier(dot(afterMajor, 'major'), 'minor')
  const [patch, afterPatch] = numericIdentifier(dot(afterMinor, 'minor'), 'patch')
  let pos: CratePosition = 'patch'
  let rest = afterPatch
  let pre = ''
  let build = ''
  if (rest.startsWith('-')) {
    pos = 'pre'
    ;[pre, rest] = identifier(rest.slice(1), pos)
    if (pre === '') throw new CrateError({ kind: 'EmptySegment', pos })
  }
  if (rest.startsWith('+')) {
    pos = 'build'
    ;[build, rest] = identifier(rest.slice(1), pos)
    if (build === '') throw new CrateError({ kind: 'EmptySegment', pos })
  }
  if (rest !== '') throw new CrateError({ kind: 'UnexpectedCharAfter', pos, ch: firstChar(rest) })
  return { major, minor, patch, pre, build }
}

/** `VersionReq::from_str`: comma-separated comparators, or a lone `*`, `x` or `X` meaning any version. */
export function parseCrateVersionReq(text: string): CrateVersionReq {
  const start = trimSpaces(text)
  const star = wildcard(start)
  if (star !== null) {
    const rest = trimSpaces(star.rest)
    if (rest === '') return { comparators: [] }
    if (rest.startsWith(',')) throw new CrateError({ kind: 'WildcardNotTheOnlyComparator', ch: star.ch })
    throw new CrateError({ kind: 'UnexpectedAfterWildcard' })
  }
  const comparators: CrateComparator[] = []
  let input = start
  for (;;) {
    const parsed = comparatorOrWildcardError(input)
    comparators.push(parsed.comparator)
    if (parsed.rest === '') return { comparators }
    if (!parsed.rest.startsWith(',')) {
      throw new CrateError({ kind: 'ExpectedCommaFound', pos: parsed.pos, ch: firstChar(parsed.rest) })
    }
    input = trimSpaces(parsed.rest.slice(1))
    if (comparators.length === MAX_COMPARATORS) throw new CrateError({ kind: 'ExcessiveComparators' })
  }
}

interface ParsedComparator {
  readonly comparator: CrateComparator
  readonly pos: CratePosition
  readonly rest: string
}

// `version_req`: a wildcard where a comparator was expected is reported as "must be the only comparator".
function comparatorOrWildcardError(input: string): ParsedComparator {
  try {
    return comparator(input)
  } catch (error) {
    const star = wildcard(input)
    if (error instanceof CrateError && star !== null) {
      const rest = trimSpaces(star.rest)
      if (rest === '' || rest.startsWith(',')) throw new CrateError({ kind: 'WildcardNotTheOnlyComparator', ch: star.ch })
    }
    throw error
  }
}

// `comparator`: an operator (default `^`), spaces, major, then `.minor` and `.patch`, each possibly a
// wildcard; a wildcard leaves the component unset and, without an explicit operator, makes the op `*`.
function comparator(input: string): ParsedComparator {
  const { op: explicitOp, rest: afterOp } = op(input)
  let op_: CrateOp = explicitOp ?? '^'
  let pos: CratePosition = 'major'
  const [major, afterMajor] = numericIdentifier(trimSpaces(afterOp), pos)
  let text = afterMajor
  let hasWildcard = false
  let minor: bigint | null = null
  if (text.startsWith('.')) {
    pos = 'minor'
    const star = wildcard(text.slice(1))
    if (star !== null) {
      hasWildcard = true
      if (explicitOp === null) op_ = '*'
      text = star.rest
    } else {
      ;[minor, text] = numericIdentifier(text.slice(1), pos)
    }
  }
  let patch: bigint | null = null
  if (text.startsWith('.')) {
    pos = 'patch'
    const star = wildcard(text.slice(1))
    if (star !== null) {
      if (explicitOp === null) op_ = '*'
      text = star.rest
    } else if (hasWildcard) {
      throw new CrateError({ kind: 'UnexpectedAfterWildcard' })
    } else {
      ;[patch, text] = numericIdentifier(text.slice(1), pos)
    }
  }
  let pre = ''
  if (patch !== null && text.startsWith('-')) {
    pos = 'pre'
    ;[pre, text] = identifier(text.slice(1), pos)
    if (pre === '') throw new CrateError({ kind: 'EmptySegment', pos })
  }
  if (patch !== null && text.startsWith('+')) {
    pos = 'build'
    let build: string
    ;[build, text] = identifier(text.slice(1), pos)
    if (build === '') throw new CrateError({ kind: 'EmptySegment', pos })
  }
  return { comparator: { op: op_, major, minor, patch, pre }, pos, rest: trimSpaces(text) }
}

// `op`: null when the text starts with no operator (the crate's `default_op`).
function op(input: string): { op: CrateOp | null; rest: string } {
  for (const candidate of ['>=', '<=', '=', '>', '<', '~', '^'] as const) {
    if (input.startsWith(candidate)) return { op: candidate, rest: input.slice(candidate.length) }
  }
  return { op: null, rest: input }
}

// `numeric_identifier`: ASCII digits, no leading zero, at most u64::MAX.
function numericIdentifier(input: string, pos: CratePosition): [bigint, string] {
  let len = 0
  let value = 0n
  while (len < input.length) {
    const code = input.charCodeAt(len)
    if (code < 48 || code > 57) break
    if (value === 0n && len > 0) throw new CrateError({ kind: 'LeadingZero', pos })
    value = value * 10n + BigInt(code - 48)
    if (value > U64_MAX) throw new CrateError({ kind: 'Overflow', pos })
    len += 1
  }
  if (len > 0) return [value, input.slice(len)]
  if (input !== '') throw new CrateError({ kind: 'UnexpectedChar', pos, ch: firstChar(input) })
  throw new CrateError({ kind: 'UnexpectedEnd', pos })
}

function wildcard(input: string): { ch: string; rest: string } | null {
  const ch = input[0]
  return ch === '*' || ch === 'x' || ch === 'X' ? { ch, rest: input.slice(1) } : null
}

function dot(input: string, pos: CratePosition): string {
  if (input.startsWith('.')) return input.slice(1)
  if (input !== '') throw new CrateError({ kind: 'UnexpectedCharAfter', pos, ch: firstChar(input) })
  throw new CrateError({ kind: 'UnexpectedEnd', pos })
}

// `identifier`: dot-separated [0-9A-Za-z-]+ segments; numeric pre-release segments have no leading zero.
function identifier(input: string, pos: CratePosition): [string, string] {
  let accumulated = 0
  let segment = 0
  let segmentHasNonDigit = false
  for (;;) {
    const ch = input[accumulated + segment]
    if (ch !== undefined && /^[A-Za-z-]$/.test(ch)) {
      segment += 1
      segmentHasNonDigit = true
    } else if (ch !== undefined && ch >= '0' && ch <= '9') {
      segment += 1
    } else {
      if (segment === 0) {
        if (accumulated === 0 && ch !== '.') return ['', input]
        throw new CrateError({ kind: 'EmptySegment', pos })
      }
      if (pos === 'pre' && segment > 1 && !segmentHasNonDigit && input[accumulated] === '0') {
        throw new CrateError({ kind: 'LeadingZero', pos })
      }
      accumulated += segment
      if (ch !== '.') return [input.slice(0, accumulated), input.slice(accumulated)]
      accumulated += 1
      segment = 0
      segmentHasNonDigit = false
    }
  }
}

// `trim_start_matches(' ')`: only the ASCII space, unlike `trim()`.
function trimSpaces(text: string): string {
  let start = 0
  while (text[start] === ' ') start += 1
  return text.slice(start)
}

function firstChar(text: string): string {
  return String.fromCodePoint(text.codePointAt(0) ?? 0)
}
