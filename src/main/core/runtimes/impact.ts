import type { ActionDefinition } from '../../../shared/domain/pack'
import type { RuntimeRecord } from '../store/runtime-repository'
import type { RuntimeVersionRecord } from '../store/runtime-version-repository'
import { selectBestVersion, sortLikeRepository } from '../versions'

/** One action whose resolved version a toggle would change. */
export interface ToggleImpact {
  readonly action: string
  readonly constraint: string | null
  readonly before: string | null
  readonly after: string | null
  /** Nothing matches after the toggle: runs would fall back to the base config. */
  readonly loses: boolean
}

/**
 * What enabling or disabling one version would do before it is done: each action on the runtime
 * resolved with the versions as they are and as they would be (spec §2.3 selection both times).
 */
export function toggleImpact(
  runtime: RuntimeRecord,
  rows: readonly RuntimeVersionRecord[],
  actions: readonly ActionDefinition[],
  version: string,
  enabled: boolean
): ToggleImpact[] {
  const ordered = sortLikeRepository(rows)
  const usable = (row: RuntimeVersionRecord, toggled: boolean): boolean => row.available && (toggled && row.version === version ? enabled : row.enabled)
  const pick = (toggled: boolean, constraint: string | null): string | null =>
    selectBestVersion(
      ordered.map((row) => ({ version: row.version, isDefault: row.isDefault, available: usable(row, toggled) })),
      constraint
    )?.version ?? null
  const impacts: ToggleImpact[] = []
  for (const action of actions) {
    if (action.runtimeRef !== runtime.ref) continue
    const before = pick(false, action.runtimeVersion)
    const after = pick(true, action.runtimeVersion)
    if (before === after) continue
    impacts.push({ action: action.ref, constraint: action.runtimeVersion, before, after, loses: after === null })
  }
  return impacts
}
