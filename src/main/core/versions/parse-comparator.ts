import type { SemVer } from 'semver'
import type { NormalizedPart } from './normalize-constraint'
import { parseStrictSemver } from './strict-semver'

/** The operators Rust's `VersionReq` accepts; a bare `*` is handled apart as "any version". */
export type ComparatorOp = '=' | '>' | '>=' | '<' | '<=' | '~' | '^'

const OPS: readonly ComparatorOp[] = ['=', '>', '>=', '<', '<=', '~', '^']

/** One validated comparator of a constraint. */
export interface Comparator {
  /** The part as written, trimmed. */
  readonly written: string
  /** The normalised text (`~3.12`, `>=3.12.0`). */
  readonly normalized: string
  readonly op: ComparatorOp
  /** The comparator's version, padded to a triple; build metadata is kept here but never matched. */
  readonly version: SemVer
  /**
   * True when the patch was not written (only bare `3.12` → `~3.12`). It matches release versions like
   * `~3.12.0` but, as in Rust, no pre-release version at all.
   */
  readonly partial: boolean
}

/** A comparator, or the reason (a verb clause) why the part is not one. */
export type ComparatorParse = { readonly ok: true; readonly comparator: Comparator } | { readonly ok: false; readonly reason: string }

const PARTIAL = /^(0|[1-9]\d*)\.(0|[1-9]\d*)$/

/**
 * Validate one normalised part as a Rust `Comparator`, stricter where the spec recommends.
 *
 * Rust would also take wildcards inside versions (`~3.x`) and a bare `x`; spec §2.2 calls their behaviour
 * untested in Attune and recommends accepting only a bare `*`, so this rejects them. Every comparator
 * version must otherwise be a full SemVer triple, except the `~X.Y` that a bare `X.Y` turns into.
 */
export function parseComparator(part: NormalizedPart): ComparatorParse {
  if (part.written.includes('|')) {
    return fail("uses '||', but OR is not supported: a constraint is a comma-separated list of comparators that must all match")
  }
  if (/\s/.test(part.version)) {
    return fail("contains a space inside the version; separate comparators with ',' (AND), e.g. '>=3.12, <4.0'")
  }
  const op = OPS.find((candidate) => candidate === part.op)
  if (op === undefined) return fail(describeBadOperator(part))
  if (part.version === '') return fail(`has the operator '${op}' but no version after it`)
  const partial = part.bare && PARTIAL.test(part.version)
  // A strict parse for the padded partial too: `new SemVer` throws a bare TypeError past MAX_SAFE_INTEGER.
  const strict = parseStrictSemver(partial ? `${part.version}.0` : part.version)
  if (!strict.ok) return fail(`${describeVersion(part)} ${strict.reason}`)
  return ok(part, op, strict.version, partial)
}

function ok(part: NormalizedPart, op: ComparatorOp, version: SemVer, partial: boolean): ComparatorParse {
  return { ok: true, comparator: { written: part.written, normalized: part.normalized, op, version, partial } }
}

function fail(reason: string): ComparatorParse {
  return { ok: false, reason }
}

// Names the text that failed, which after padding is not what the author typed.
function describeVersion(part: NormalizedPart): string {
  return `becomes '${part.normalized}', whose version '${part.version}'`
}

function describeBadOperator(part: NormalizedPart): string {
  const { op } = part
  const allowed = "allowed operators are =, >, >=, <, <=, ~, ^ (or a bare '*' for any version)"
  if (op === '*' && part.version === '') return "must be the only comparator: '*' already means any version"
  if (/^[xX*]/.test(op)) return "contains a wildcard ('x', 'X' or '*'); only a bare '*' constraint is supported"
  if (/[vV]$/.test(op)) {
    const fixed = part.written.replace(/[vV](?=[0-9])/, '')
    return `uses the operator '${op}': write the version without a 'v' after an operator (e.g. '${fixed}')`
  }
  if (op === '==') return "uses '==', which is not an operator; use '=' for an exact version"
  if (op.startsWith('!')) return `uses '${op}', but exclusions are not supported; ${allowed}`
  if (op === '=>' || op === '=<') return `uses '${op}', which is not an operator; did you mean '${op[1]}='?`
  return `uses '${op}', which is not an operator; ${allowed}`
}
