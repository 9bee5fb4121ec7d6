import type { ActionDefinition } from '../../../shared/domain/pack'
import type { RuntimeRecord } from '../store/runtime-repository'
import type { RuntimeVersionRecord } from '../store/runtime-version-repository'
import { clashingRefs, packEnvClashes, type EnvOwner } from './env-clash'
import { envDirFor } from './env-layout'
import { requirementProfiles, versionQualifies } from './env-requirements'
import { envNeededSync, type EnvSpec } from './env-spec'
import { withResolvedInterpreter } from './interpreter-substitution'

export { requirementProfiles, versionQualifies, type RequirementProfile, type RuntimeIdentity } from './env-requirements'

export interface PlanInputs {
  readonly pack: { readonly ref: string; readonly dir: string }
  readonly actions: readonly ActionDefinition[]
  readonly runtimes: readonly RuntimeRecord[]
  readonly versionsOf: (runtime: RuntimeRecord) => readonly RuntimeVersionRecord[]
  readonly runtimeEnvsDir: string
  /** Absolute path of a bare base interpreter (`python3`) as PATH finds it, or null. */
  readonly locate: (command: string) => string | null
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
 * config and the interpreter discovery resolved substituted for the bare command. Runtimes whose env
 * folders would clash (see `packEnvClashes`) get none: the pack's problems say why.
 */
export function planPackEnvs(inputs: PlanInputs): EnvSpec[] {
  const specs: EnvSpec[] = []
  const clashing = clashingRefs(packEnvClashes(inputs.actions, envOwners(inputs.runtimes, inputs.versionsOf)))
  for (const profile of requirementProfiles(inputs.actions, inputs.runtimes)) {
    const { runtime } = profile
    if (clashing.has(runtime.ref)) continue
    const rows = inputs.versionsOf(runtime).filter((row) => row.available && row.enabled && versionQualifies(row.version, profile))
    const candidates = [null, ...rows].map((row) => envSpecFor(inputs.pack, runtime, row, inputs.runtimeEnvsDir, inputs.locate))
    specs.push(...candidates.filter((spec) => envNeededSync(spec)))
  }
  return specs
}

/** Runtime records as the clash check sees them. */
export function envOwners(runtimes: readonly RuntimeRecord[], versionsOf: (runtime: RuntimeRecord) => readonly RuntimeVersionRecord[]): EnvOwner[] {
  return runtimes.map((runtime) => ({ ref: runtime.ref, name: runtime.name, aliases: runtime.aliases, file: runtime.sourceFile, versions: versionsOf(runtime).map((row) => row.version) }))
}
