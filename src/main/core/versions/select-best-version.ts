import { parseConstraint } from './parse-constraint'
import { compareVersions, extractVersionComponents, tryParseVersion } from './parse-version'
import type { CrateVersion } from './semver-crate/crate-types'
import { ConstraintError } from './version-errors'

/** The fields of a `runtime_version` row that selection reads. */
export interface SelectableVersion {
  readonly version: string
  readonly available: boolean
  readonly isDefault: boolean
}

/**
 * Pick the runtime version a worker would run, exactly as Attune's `select_best_version`.
 *
 * spec §2.3: only available rows count. With a non-blank constraint: an invalid constraint selects
 * nothing; otherwise the highest parseable matching version wins, the first in input order among equals,
 * and `isDefault` is ignored. Without one: the first available default row wins even if its version does
 * not parse; else the highest parseable version, pre-releases included.
 */
export function selectBestVersion<T extends SelectableVersion>(rows: readonly T[], constraint?: string | null): T | null {
  const available = rows.filter((row) => row.available)
  if (available.length === 0) return null
  if (constraint != null && constraint.trim() !== '') {
    let test: (version: CrateVersion) => boolean
    try {
      test = parseConstraint(constraint).test
    } catch (error) {
      if (error instanceof ConstraintError) return null
      throw error
    }
    return highest(available, test)
  }
  return available.find((row) => row.isDefault) ?? highest(available, () => true)
}

/**
 * Order rows as Attune's repository returns them: major, minor, patch descending, NULLs last.
 *
 * spec §1.2 (`find_by_runtime`). Components are those written (spec §2.6), so `3.12.0` sorts before
 * `3.12`; rows equal on all three keep their input order. This order breaks ties in selection.
 */
export function sortLikeRepository<T extends { readonly version: string }>(rows: readonly T[]): T[] {
  const keyed = rows.map((row) => ({ row, key: extractVersionComponents(row.version) }))
  keyed.sort(
    (a, b) =>
      descNullsLast(a.key.major, b.key.major) ||
      descNullsLast(a.key.minor, b.key.minor) ||
      descNullsLast(a.key.patch, b.key.patch)
  )
  return keyed.map(({ row }) => row)
}

// Equivalent to Attune's stable descending sort then taking the first: only a strictly higher
// version displaces the current best, so the earliest of equal versions wins.
function highest<T extends SelectableVersion>(rows: readonly T[], accept: (version: CrateVersion) => boolean): T | null {
  let best: { row: T; version: CrateVersion } | null = null
  for (const row of rows) {
    const version = tryParseVersion(row.version)
    if (version === null || !accept(version)) continue
    if (best === null || compareVersions(version, best.version) > 0) best = { row, version }
  }
  return best?.row ?? null
}

function descNullsLast(a: number | null, b: number | null): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  return b - a
}
