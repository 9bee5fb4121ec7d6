/**
 * A version as the semver crate holds it (`semver::Version`): numbers are u64, so bigint here.
 *
 * `pre` and `build` are the dot-separated identifiers as written, `''` when absent.
 */
export interface CrateVersion {
  readonly major: bigint
  readonly minor: bigint
  readonly patch: bigint
  readonly pre: string
  readonly build: string
}

/** The crate's `Op`: `*` is `Op::Wildcard`, which `3.x` and `3.12.*` without an operator get. */
export type CrateOp = '=' | '>' | '>=' | '<' | '<=' | '~' | '^' | '*'

/** One comparator of a requirement (`semver::Comparator`); a wildcard or omitted component is null. */
export interface CrateComparator {
  readonly op: CrateOp
  readonly major: bigint
  readonly minor: bigint | null
  readonly patch: bigint | null
  /** Only a comparator with a patch can have one; build metadata is parsed and dropped, as in the crate. */
  readonly pre: string
}

/** A requirement (`semver::VersionReq`); no comparators is `VersionReq::STAR`. */
export interface CrateVersionReq {
  readonly comparators: readonly CrateComparator[]
}

/** `major.minor.patch[-pre][+build]`, as the crate's `Display for Version`. */
export function formatCrateVersion(version: CrateVersion): string {
  const pre = version.pre === '' ? '' : `-${version.pre}`
  const build = version.build === '' ? '' : `+${version.build}`
  return `${version.major}.${version.minor}.${version.patch}${pre}${build}`
}
