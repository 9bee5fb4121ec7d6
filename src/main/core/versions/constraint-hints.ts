import type { NormalizedPart } from './normalize-constraint'
import type { CrateError } from './semver-crate/crate-error'

const OPERATORS = new Set(['=', '>', '>=', '<', '<=', '~', '^'])
const ALLOWED = "allowed operators are =, >, >=, <, <=, ~, ^ (or a lone '*', 'x' or 'X' for any version)"

/**
 * Say why the semver crate rejected a normalised part, as a verb clause that ends with the crate's words.
 *
 * The worker reports only the crate's message ("expected comma after minor version number, found '|'");
 * a pack author is better served by naming the habit from other tools that produced it, so a hint comes
 * first where one is known.
 */
export function explainRejectedPart(part: NormalizedPart, error: CrateError): string {
  const hint = hintFor(part, error)
  const crate = `the semver crate says: ${error.message}`
  return hint === null ? `becomes '${part.normalized}', which ${crate}` : `${hint} (it becomes '${part.normalized}'; ${crate})`
}

function hintFor(part: NormalizedPart, error: CrateError): string | null {
  const { detail } = error
  if (part.written.includes('|')) {
    return "uses '||', but OR is not supported: a constraint is a comma-separated list of comparators that must all match"
  }
  if (detail.kind === 'WildcardNotTheOnlyComparator') {
    return 'must be the only comparator: a lone wildcard already means any version'
  }
  if (!part.bare && !OPERATORS.has(part.op)) return describeBadOperator(part)
  if (detail.kind === 'ExpectedCommaFound' && /\s/.test(part.version)) {
    return "contains a space inside the version; separate comparators with ',' (AND), e.g. '>=3.12, <4.0'"
  }
  switch (detail.kind) {
    case 'ExpectedCommaFound':
      if (detail.ch === '.' && detail.pos === 'patch') return 'has more than three numeric components'
      if ((detail.ch === '-' || detail.ch === '+') && (detail.pos === 'major' || detail.pos === 'minor')) {
        return 'has a pre-release or build tag without a full MAJOR.MINOR.PATCH before it'
      }
      return null
    case 'UnexpectedEnd':
      return part.version === '' ? `has the operator '${part.op}' but no version after it` : null
    case 'LeadingZero':
      return 'has a number with a leading zero'
    case 'Overflow':
      return 'has a number larger than u64::MAX (18446744073709551615)'
    case 'UnexpectedAfterWildcard':
      return "has something after a wildcard: a wildcard ends the version ('3.x', '3.12.*', '>=3.x.x'), and an operator form with one dot is padded with '.0'"
    default:
      return null
  }
}

function describeBadOperator(part: NormalizedPart): string {
  const { op } = part
  if (/^[xX*]/.test(op)) {
    return "starts with a wildcard followed by more text; a wildcard stands alone or replaces a component ('3.x', '3.12.*')"
  }
  if (/[vV]$/.test(op)) {
    const fixed = part.written.replace(/[vV](?=[0-9])/, '')
    return `uses the operator '${op}': write the version without a 'v' after an operator (e.g. '${fixed}')`
  }
  if (op === '==') return "uses '==', which is not an operator; use '=' for an exact version"
  if (op.startsWith('!')) return `uses '${op}', but exclusions are not supported; ${ALLOWED}`
  if (op === '=>' || op === '=<') return `uses '${op}', which is not an operator; did you mean '${op[1]}='?`
  return `uses '${op}', which is not an operator; ${ALLOWED}`
}
