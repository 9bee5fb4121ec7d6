// Attune-exact runtime version grammar and selection (spec §2).
export { VersionError, ConstraintError } from './version-errors'
export {
  parseVersion,
  tryParseVersion,
  compareVersions,
  extractVersionComponents,
  type VersionComponents
} from './parse-version'
export { normalizeConstraintParts, type NormalizedPart } from './normalize-constraint'
export type { Comparator, ComparatorOp } from './parse-comparator'
export { parseConstraint, matchesConstraint, type VersionConstraint } from './parse-constraint'
export { selectBestVersion, sortLikeRepository, type SelectableVersion } from './select-best-version'
export { runtimeVersionMatchesWorker } from './worker-match'
export {
  explainSelection,
  type ExplainCandidate,
  type CandidateExplanation,
  type SelectionExplanation
} from './explain-selection'
