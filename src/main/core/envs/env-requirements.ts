import type { ActionDefinition } from '../../../shared/domain/pack'
import type { RuntimeRecord } from '../store/runtime-repository'
import { aliasesContain } from '../verify/runtime-filter'
import { matchesConstraint } from '../versions'

/** What a pack asks of one runtime (spec §4.6 "requirement profile"). */
export interface RequirementProfile<R extends RuntimeIdentity = RuntimeRecord> {
  readonly runtime: R
  readonly constraints: readonly string[]
  readonly anyVersion: boolean
}

/** What names a runtime: enough to find the ones a pack's actions use. */
export type RuntimeIdentity = Pick<RuntimeRecord, 'ref' | 'name' | 'aliases'>

/**
 * Build the requirement profile per runtime from the pack's actions (spec §4.6): a constraint per
 * constrained action, `anyVersion` for an unconstrained one, plus `required_worker_runtimes` entries
 * resolved by alias, then name, then ref (`"*"` = any version).
 */
export function requirementProfiles<R extends RuntimeIdentity>(actions: readonly ActionDefinition[], runtimes: readonly R[]): RequirementProfile<R>[] {
  const profiles = new Map<string, { runtime: R; constraints: Set<string>; anyVersion: boolean }>()
  const add = (runtime: R | undefined, constraint: string | null): void => {
    if (!runtime) return
    const profile = profiles.get(runtime.ref) ?? { runtime, constraints: new Set<string>(), anyVersion: false }
    if (constraint === null || constraint.trim() === '' || constraint.trim() === '*') profile.anyVersion = true
    else profile.constraints.add(constraint.trim())
    profiles.set(runtime.ref, profile)
  }
  for (const action of actions) {
    if (action.runtimeRef) add(runtimes.find((runtime) => runtime.ref === action.runtimeRef), action.runtimeVersion)
    for (const [name, constraint] of Object.entries(action.requiredWorkerRuntimes)) {
      const lower = name.toLowerCase()
      const runtime =
        runtimes.find((r) => aliasesContain(r.aliases, lower)) ?? runtimes.find((r) => r.name.toLowerCase() === lower) ?? runtimes.find((r) => r.ref === lower)
      add(runtime, constraint)
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
