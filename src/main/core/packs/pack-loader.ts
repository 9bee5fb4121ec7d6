import { realpathSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ActionDefinition, PackComponent, PackProblem } from '../../../shared/domain/pack'
import type { RuntimeDefinition } from '../catalog/runtime-yaml'
import { loadPackActionsSync } from './pack-loader-actions'
import { loadPackComponentsSync } from './pack-components'
import { describeFsError, readPackTextSync } from './pack-loader-files'
import { fileProblem } from './pack-loader-report'
import { loadPackRuntimesSync } from './pack-loader-runtimes'
import { readPackYaml } from './pack-yaml'
import { withPackRuntimes, type RunnerResolver } from './runner-type'

export { builtInRunnerRef, createRunnerResolver, type RunnerResolver } from './runner-type'

/** A pack folder, read (spec §1.4): what it is, what it defines, and everything wrong with it. */
export interface PackDefinition {
  readonly ref: string
  readonly label: string | null
  readonly description: string | null
  readonly version: string | null
  /** Absolute realpath of the pack folder. */
  readonly dir: string
  /** From `runtimes/*.yaml`. */
  readonly runtimes: RuntimeDefinition[]
  readonly actions: ActionDefinition[]
  /** Triggers, sensors, rules, queues and permission sets, checked but never run. */
  readonly components: PackComponent[]
  readonly problems: PackProblem[]
  /** Files whose change should reload the pack (absolute): pack.yaml, actions/*.yaml, runtimes/*.yaml and the manifests. */
  readonly watchedFiles: string[]
}

/** The dependency manifests of the core runtimes (spec §1.8): a change means an environment reinstall. */
export const PACK_MANIFEST_FILES: readonly string[] = ['requirements.txt', 'package.json']

/**
 * Read a pack folder: `pack.yaml`, `runtimes/*.yaml`, `actions/*.yaml`, then permission sets, triggers,
 * queues, rules and sensors (the worker's order).
 *
 * Returns `error` only when there is no usable `pack.yaml` (missing, unreadable, not YAML, no valid ref).
 * Any other problem is recorded in `problems`, naming file, field and line, and the rest of the pack loads.
 * Pure reading: no database, no processes.
 */
export function loadPackSync(dir: string, runners: RunnerResolver): PackDefinition | { error: PackProblem } {
  const given = resolve(dir)
  let packDir: string
  try {
    packDir = realpathSync(given)
    if (!statSync(packDir).isDirectory()) return { error: fileProblem(given, 'is not a folder; a pack is a folder with a pack.yaml') }
  } catch (error) {
    return { error: fileProblem(given, `cannot be opened as a pack folder: it ${describeFsError(error, given)}`) }
  }
  const packFile = join(packDir, 'pack.yaml')
  const read = readPackTextSync(packFile, packDir)
  if (!read.ok) return { error: fileProblem(packFile, packFileMessage(packDir, read.message)) }
  const parsed = readPackYaml(packFile, read.text)
  if ('error' in parsed) return parsed

  const problems = [...parsed.problems]
  const watched = [packFile]
  const runtimes = loadPackRuntimesSync(packDir, parsed.pack.ref, problems, watched)
  const packRunners = withPackRuntimes(runners, runtimes)
  const actions = loadPackActionsSync(packDir, parsed.pack.ref, packRunners, problems, watched)
  const actionRefs = actions.map((action) => action.ref)
  const components = loadPackComponentsSync(packDir, parsed.pack.ref, packRunners, actionRefs, problems, watched)
  watched.push(...PACK_MANIFEST_FILES.map((name) => join(packDir, name)))
  return { ...parsed.pack, dir: packDir, runtimes, actions, components, problems, watchedFiles: watched }
}

function packFileMessage(packDir: string, reason: string): string {
  if (reason !== 'does not exist') return reason
  let hint = ''
  try {
    if (statSync(join(packDir, 'pack.yml')).isFile()) hint = " (there is a pack.yml: Attune reads only 'pack.yaml')"
  } catch {}
  return `does not exist: a pack folder needs a pack.yaml with at least 'ref'${hint}`
}
