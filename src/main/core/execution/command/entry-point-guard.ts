import { existsSync, realpathSync } from 'node:fs'
import type { ActionDefinition } from '../../../../shared/domain/pack'
import { resolveEntryPoint } from '../../packs/action-yaml-entry-point'

/**
 * Why `action` cannot run now, in words naming the action, its file and `entry_point`; null when it can.
 *
 * An entry point reported as an error at load is never run (finding: `../../etc/passwd` was reported and then
 * executed). The check is also made again on the disk as it is now, with the loader's own rules (realpath
 * inside the pack, a file, an exec bit for native): a symlink swapped in after registration is caught here.
 * `packDir` is the registered pack folder; `runtimeRef` the action's runtime.
 */
export function entryPointProblemSync(action: ActionDefinition, packDir: string, runtimeRef: string): string | null {
  if (!existsSync(packDir)) {
    return `action '${action.ref}' cannot run: the pack folder ${packDir} does not exist (moved or deleted?); add the pack again from where it is now, or remove it`
  }
  const stored = action.entryPointError ?? (action.entryPath === null ? 'has a problem (see packs list)' : null)
  const problem = stored ?? resolveEntryPoint(action.entryPoint, realpathOr(packDir), () => undefined, {
    misspelledKey: false,
    shell: runtimeRef === 'core.shell',
    native: runtimeRef === 'core.native'
  }).error
  if (problem === null) return null
  return `action '${action.ref}' cannot run: entry_point ${problem} (${action.file})`
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}
