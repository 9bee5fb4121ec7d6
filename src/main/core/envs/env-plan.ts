import type { ActionDefinition } from '../../../shared/domain/pack'
import type { RuntimeRecord } from '../store/runtime-repository'
import type { RuntimeVersionRecord } from '../store/runtime-version-repository'
import { aliasesContain, normalizeRuntimeName } from '../verify/runtime-filter'
import { matchesConstraint, rustTrim } from '../versions'
import { envDirFor } from './env-layout'
import { envNeededSync, type EnvSpec } from './env-spec'
import { withResolvedInterpreter } from './interpreter-substitution'

/** What a pack asks of one runtime (spec §4.6 "requirement profile"). */
export interface RequirementProfile {
  readonly runtime: RuntimeRecord
  readonly constraints: readonly string[]
  readonly anyVersion: boolean
}

export interface PlanInputs {
  readonly pack: { readonly ref: string; readonly dir: string }
  readonly actions: readonly ActionDefinition[]
  readonly runtimes: readonly RuntimeRecord[]
  readonly versionsOf: (runtime: RuntimeRecord) => readonly RuntimeVersionRecord[]
  readonly runtimeEnvsDir: string
  /** Absolute path of a bare base interpreter (`python3`) as PATH finds it, or null. */
  readonly locate: (command: string) => string | null
}

/**
 * Build the requirement profile per runtime from the pack's actions (`env_setup.rs`
 * `collect_runtime_requirements`): an action's trimmed `runtime_version` is a constraint — `"*"` too,
 * which excludes pre-releases — and a blank one means any version; `required_worker_runtimes` names are
 * normalised (`normalize_runtime_name`) and resolved by alias, then name, then the name as written as a
 * ref, and only there does `"*"` mean any version.
 */
export function requirementProfiles(actions: readonly ActionDefinition[], runtimes: readonly RuntimeRecord[]): RequirementProfile[] {
  const profiles = new Map<string, { runtime: RuntimeRecord; constraints: Set<string>; anyVersion: boolean }>()
  const add = (runtime: RuntimeRecord | undefined, constraint: string | null, star: 'any' | 'constraint'): void => {
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
export function versionQualifies(version: string, profile: RequirementProfile): boolean {
  if (profile.anyVersion || profile.constraints.length === 0) return true
  return profile.constraints.some((constraint) => {
    try {
      return matchesConstraint(version, constraint)
    } catch {
      return false
    }
  })
}

/** The env of one runtime (base when `row` is null) for one pack, with discovery's interpreter substituted. */
export function envSpecFor(
  pack: { readonly ref: string; readonly dir: string },
  runtime: RuntimeRecord,
  row: RuntimeVersionRecord | null,
  runtimeEnvsDir: string,
  locate: (command: string) => string | null
): EnvSpec {
  const runtimeName = runtime.name.toLowerCase()
  const common = { packRef: pack.ref, packDir: pack.dir, runtimeRef: runtime.ref, runtimeName }
  if (row === null) {
    const base = runtime.executionConfig
    const binary = base.interpreter?.binary ?? ''
    const located = binary === '' ? null : locate(binary)
    return {
      ...common,
      version: null,
      config: located && binary !== located ? withResolvedInterpreter(base, binary, located) : base,
      envDir: envDirFor(runtimeEnvsDir, pack.ref, runtimeName, null),
      expectedInterpreter: located,
      expectedVersion: null
    }
  }
  const binary = row.executionConfig.interpreter?.binary ?? ''
  return {
    ...common,
    version: row.version,
    config: row.interpreter && binary !== '' ? withResolvedInterpreter(row.executionConfig, binary, row.interpreter) : row.executionConfig,
    envDir: envDirFor(runtimeEnvsDir, pack.ref, runtimeName, row.version),
    expectedInterpreter: row.interpreter,
    expectedVersion: row.version
  }
}

/**
 * Every env the worker would build for a pack (spec §4.6): per runtime the pack uses, the base env
 * and one per qualifying version that is available and enabled here, each with its version's own
 * config and the interpreter discovery resolved substituted for the bare command.
 */
export function planPackEnvs(inputs: PlanInputs): EnvSpec[] {
  const specs: EnvSpec[] = []
  for (const profile of requirementProfiles(inputs.actions, inputs.runtimes)) {
    const { runtime } = profile
    const rows = inputs.versionsOf(runtime).filter((row) => row.available && row.enabled && versionQualifies(row.version, profile))
    const candidates = [null, ...rows].map((row) => envSpecFor(inputs.pack, runtime, row, inputs.runtimeEnvsDir, inputs.locate))
    specs.push(...candidates.filter((spec) => envNeededSync(spec)))
  }
  return specs
}
