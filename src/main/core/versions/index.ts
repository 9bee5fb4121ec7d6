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
export {
  parseConstraint,
  matchesConstraint,
  type VersionConstraint,
  type Comparator,
  type ComparatorOp
} from './parse-constraint'
export { rustTrim } from './rust-trim'
export type { CrateVersion } from './semver-crate/crate-types'
export { formatCrateVersion } from './semver-crate/crate-types'
export { selectBestVersion, sortLikeRepository, type SelectableVersion } from './select-best-version'
export { runtimeVersionMatchesWorker } from './worker-match'
export {
  explainSelection,
  type ExplainCandidate,
  type CandidateExplanation,
  type SelectionExplanation
} from './explain-selection'
