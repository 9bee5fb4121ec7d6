import type { ActionDefinition, PackProblem } from '../../../shared/domain/pack'
import type { RuntimeDefinition } from '../catalog/runtime-yaml'
import { envLeafName } from './env-layout'
import { requirementProfiles, type RuntimeIdentity } from './env-requirements'

/** A runtime as the clash check needs it: where it is defined and the versions it has. */
export interface EnvOwner extends RuntimeIdentity {
  /** The YAML file that defines it (a pack's `runtimes/*.yaml`, or the catalog's), when known. */
  readonly file: string | null
  readonly versions: readonly string[]
}

/** Two runtimes a pack uses whose envs would be the same folder. */
export interface EnvClash {
  /** The shared last segment: `python`, `python-3.12`. */
  readonly folder: string
  readonly first: EnvOwner
  readonly second: EnvOwner
}

/**
 * Runtimes of one pack whose env folders coincide (spec §4.1: `{pack}/{name lower-cased}[-{version}]`, as
 * the worker names them). A pack runtime named "Python" and `core.python` both get `<pack>/python` there,
 * and each setup would destroy the other's env; the workbench builds neither and reports the clash.
 */
export function packEnvClashes(actions: readonly ActionDefinition[], runtimes: readonly EnvOwner[]): EnvClash[] {
  const used = requirementProfiles(actions, runtimes).map((profile) => profile.runtime)
  const byFolder = new Map<string, EnvOwner>()
  const clashes: EnvClash[] = []
  for (const owner of used) {
    for (const folder of new Set(foldersOf(owner))) {
      const first = byFolder.get(folder)
      if (first === undefined) byFolder.set(folder, owner)
      else if (first.ref !== owner.ref) clashes.push({ folder, first, second: owner })
    }
  }
  return clashes
}

/** The refs of every runtime in a clash. */
export function clashingRefs(clashes: readonly EnvClash[]): Set<string> {
  return new Set(clashes.flatMap((clash) => [clash.first.ref, clash.second.ref]))
}

/** The clash in words, naming both runtimes and the folder. */
export function clashMessage(packRef: string, clash: EnvClash): string {
  return (
    `runtimes '${clash.first.ref}' (name '${clash.first.name}') and '${clash.second.ref}' (name '${clash.second.name}') would share ` +
    `the env folder runtime_envs/${packRef}/${clash.folder} (env folders are named after the runtime's name, lower-cased, as a worker ` +
    `names them), and each setup would destroy the other's env; neither is built. Give one of them another name`
  )
}

/** The clash as a problem of the pack: at `name` of the pack's own runtime file, else at the first action using one. */
export function clashProblem(packRef: string, clash: EnvClash, actions: readonly ActionDefinition[], ownFiles: ReadonlySet<string>): PackProblem {
  const own = [clash.second, clash.first].find((owner) => owner.file !== null && ownFiles.has(owner.file))
  const action = actions.find((candidate) => candidate.runtimeRef === clash.first.ref || candidate.runtimeRef === clash.second.ref)
  const at = own?.file ? { file: own.file, field: 'name' } : { file: action?.file ?? '', field: 'runner_type' }
  return { ...at, line: null, severity: 'error', message: clashMessage(packRef, clash) }
}

/**
 * The clashes of a pack being loaded, as problems: its own runtimes (from its files) and every other
 * runtime that is registered (`others`), against the actions it defines.
 */
export function loadedPackClashProblems(
  loaded: { readonly ref: string; readonly actions: readonly ActionDefinition[]; readonly runtimes: readonly RuntimeDefinition[] },
  others: readonly EnvOwner[]
): PackProblem[] {
  const own: EnvOwner[] = loaded.runtimes.map((runtime) => ({ ref: runtime.ref, name: runtime.name, aliases: runtime.aliases, file: runtime.file, versions: runtime.versions.map((row) => row.version) }))
  const ownFiles = new Set(loaded.runtimes.map((runtime) => runtime.file))
  return packEnvClashes(loaded.actions, [...own, ...others]).map((clash) => clashProblem(loaded.ref, clash, loaded.actions, ownFiles))
}

function foldersOf(owner: EnvOwner): string[] {
  try {
    return [envLeafName(owner.name, null), ...owner.versions.map((version) => envLeafName(owner.name, version))]
  } catch {
    // A name that cannot be a folder is reported where the env is planned.
    return []
  }
}
