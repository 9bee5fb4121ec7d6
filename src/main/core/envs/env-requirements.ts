import type { ActionDefinition } from '../../../shared/domain/pack'
import type { RuntimeRecord } from '../store/runtime-repository'
import { aliasesContain, normalizeRuntimeName } from '../verify/runtime-filter'
import { matchesConstraint, rustTrim } from '../versions'

/** What a pack asks of one runtime (spec §4.6 "requirement profile"). */
export interface RequirementProfile<R extends RuntimeIdentity = RuntimeRecord> {
  readonly runtime: R
  readonly constraints: readonly string[]
  readonly anyVersion: boolean
}

/** What names a runtime: enough to find the ones a pack's actions use. */
export type RuntimeIdentity = Pick<RuntimeRecord, 'ref' | 'name' | 'aliases'>

/**
 * Build the requirement profile per runtime from the pack's actions (`env_setup.rs`
 * `collect_runtime_requirements`): an action's trimmed `runtime_version` is a constraint — `"*"` too,
 * which excludes pre-releases — and a blank one means any version; `required_worker_runtimes` names are
 * normalised (`normalize_runtime_name`) and resolved by alias, then name, then the name as written as a
 * ref, and only there does `"*"` mean any version.
 */
export function requirementProfiles<R extends RuntimeIdentity>(actions: readonly ActionDefinition[], runtimes: readonly R[]): RequirementProfile<R>[] {
  const profiles = new Map<string, { runtime: R; constraints: Set<string>; anyVersion: boolean }>()
  const add = (runtime: R | undefined, constraint: string | null, star: 'any' | 'constraint'): void => {
    if (!runtime) return
    const profile = profiles.get(runtime.ref) ?? { runtime, constraints: new Set<string>(), anyVersion: false }
    const trimmed = constraint === null ? '' : rustTrim(constraint)
    if (trimmed === '' || (star === 'any' && trimmed === '*')) profile.anyVersion = true
    else profile.constraints.add(trimmed)
    profiles.set(runtime.ref, profile)
  }
  for (const action of actions) {
    if (action.runtimeRef) add(runtimes.find((runtime) => runtime.ref === action.runtimeRef), action.runtimeVersion, 'constraint')
    for (const [name, constraint] of Object.entries(action.requiredWorkerRuntimes)) {
      const normalized = normalizeRuntimeName(name)
      const runtime =
        runtimes.find((r) => aliasesContain(r.aliases, normalized)) ??
        runtimes.find((r) => r.name.toLowerCase() === normalized) ??
        runtimes.find((r) => r.ref === name)
      add(runtime, constraint, 'any')
    }
  }
  return [...profiles.values()].map(({ runtime, constraints, anyVersion }) => ({ runtime, constraints: [...constraints], anyVersion }))
}

/** Whether a version qualifies for a profile: it matches any constraint, or any version will do. */
export function versionQualifies(version: string, profile: RequirementProfile<RuntimeIdentity>): boolean {
  if (profile.anyVersion || profile.constraints.length === 0) return true
  return profile.constraints.some((constraint) => {
    try {
      return matchesConstraint(version, constraint)
    } catch {
      return false
    }
  })
}
