import type { Resolution, ResolutionCandidate } from '../../../shared/domain/runtime'
import { parseConstraint, type VersionConstraint } from './parse-constraint'
import { compareVersions, tryParseVersion } from './parse-version'
import { formatCrateVersion, type CrateVersion } from './semver-crate/crate-types'
import { selectBestVersion } from './select-best-version'
import { ConstraintError } from './version-errors'

/** A runtime version as the explainer sees it: a row plus the user's enable switch. */
export interface ExplainCandidate {
  readonly version: string
  readonly available: boolean
  readonly enabled: boolean
  readonly isDefault: boolean
  readonly unavailableReason?: string | null
}

/** One candidate in an explanation, with the sentence that says what happened to it. */
export type CandidateExplanation = ResolutionCandidate

/** Why a version was (or was not) selected: a resolution before the caller names the runtime. */
export type SelectionExplanation = Omit<Resolution, 'runtime'>

interface Context {
  readonly constraint: VersionConstraint | null
  readonly invalid: boolean
  readonly chosen: ExplainCandidate | null
  readonly chosenVersion: CrateVersion | null
  /** The first input position holding the chosen row, so a row listed twice is selected once. */
  readonly chosenIndex: number
}

const FALLBACK = 'the worker falls back to the base runtime config'

/**
 * Explain which version `selectBestVersion` picks among the usable (enabled and available) candidates.
 *
 * The selection itself is `selectBestVersion`; this only annotates it, candidate by candidate, in input order.
 */
export function explainSelection(candidates: readonly ExplainCandidate[], constraint?: string | null): SelectionExplanation {
  const given = constraint ?? null
  const hasConstraint = given !== null && given.trim() !== ''
  let parsed: VersionConstraint | null = null
  let error: string | null = null
  if (hasConstraint) {
    try {
      parsed = parseConstraint(given)
    } catch (caught) {
      if (!(caught instanceof ConstraintError)) throw caught
      error = caught.message
    }
  }
  const usable = candidates.filter((candidate) => candidate.enabled && candidate.available)
  const chosen = selectBestVersion(usable, given)
  const context: Context = {
    constraint: parsed,
    invalid: error !== null,
    chosen,
    chosenVersion: chosen === null ? null : tryParseVersion(chosen.version),
    chosenIndex: chosen === null ? -1 : candidates.indexOf(chosen)
  }
  return {
    constraint: given,
    normalized: parsed?.normalized ?? null,
    valid: error === null,
    error,
    selected: chosen?.version ?? null,
    fallback: chosen === null ? 'base' : null,
    decision: decide(candidates, usable, context, error),
    candidates: candidates.map((candidate, index) =>
      explainCandidate(candidate, index === context.chosenIndex, context)
    )
  }
}

function explainCandidate(candidate: ExplainCandidate, selected: boolean, context: Context): CandidateExplanation {
  const version = tryParseVersion(candidate.version)
  const matches = version === null || context.invalid ? null : (context.constraint?.test(version) ?? true)
  return {
    version: candidate.version,
    available: candidate.available,
    enabled: candidate.enabled,
    isDefault: candidate.isDefault,
    matches,
    selected,
    reason: selected ? selectedReason(candidate, context) : reasonFor(candidate, version, matches, context)
  }
}

function reasonFor(candidate: ExplainCandidate, version: CrateVersion | null, matches: boolean | null, context: Context): string {
  const { constraint, chosen, chosenVersion } = context
  if (!candidate.enabled) return 'disabled by the user'
  if (!candidate.available) return `unavailable: ${candidate.unavailableReason?.trim() || 'verification failed'}`
  if (version === null) return `unparseable version string '${candidate.version}'`
  if (context.invalid) return 'not considered: the constraint is invalid'
  if (constraint !== null && matches === false) {
    const release = { ...version, pre: '', build: '' }
    return version.pre !== '' && constraint.test(release)
      ? `pre-release ${formatCrateVersion(release)}-${version.pre} is excluded by the range ${constraint.normalized}`
      : `outside the range ${constraint.normalized}`
  }
  if (constraint === null && chosen?.isDefault) {
    return candidate.isDefault ? `not selected: ${chosen.version} is also marked default and comes first` : 'not the default'
  }
  // Unreachable for a usable, matching row (selection would have picked something); kept total.
  if (chosen === null || chosenVersion === null) return 'not selected'
  return compareVersions(chosenVersion, version) > 0
    ? `not selected: ${chosen.version} is higher`
    : `not selected: ${chosen.version} is the same version and comes first`
}

function selectedReason(candidate: ExplainCandidate, { constraint }: Context): string {
  if (constraint !== null) return `selected: highest available version matching ${constraint.normalized}`
  if (candidate.isDefault) return 'selected: is the default version (no constraint given)'
  return 'selected: highest available version (no constraint given and no usable default)'
}

function decide(
  candidates: readonly ExplainCandidate[],
  usable: readonly ExplainCandidate[],
  { constraint, chosen }: Context,
  error: string | null
): string {
  if (error !== null) return `The constraint is invalid, so no version is selected and ${FALLBACK}. ${error}`
  if (chosen !== null) {
    if (constraint !== null) return `Selected ${chosen.version}: the highest usable version matching ${constraint.normalized}.`
    if (chosen.isDefault) return `Selected ${chosen.version}: it is the default version and no constraint was given.`
    return (
      `Selected ${chosen.version}: no constraint was given and no usable version is the default, ` +
      'so the highest usable version wins.'
    )
  }
  if (candidates.length === 0) return `No version selected: the runtime has no registered versions; ${FALLBACK}.`
  if (usable.length === 0) return `No version selected: no version is both enabled and available; ${FALLBACK}.`
  if (constraint !== null) return `No version selected: no usable version matches ${constraint.normalized}; ${FALLBACK}.`
  return `No version selected: no usable version string parses and none is the default; ${FALLBACK}.`
}
