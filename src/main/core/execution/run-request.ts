import type { RunOptions } from '../../../shared/domain/execution'
import type { ActionDefinition } from '../../../shared/domain/pack'
import { closestName } from '../../../shared/text/closest-name'
import { badInput } from '../errors'
import type { PackRepository } from '../store/pack-repository'
import type { RuntimeRecord, RuntimeRepository } from '../store/runtime-repository'
import { entryPointProblemSync } from './command/entry-point-guard'
import { applyDefaults, SECRET_MASK, secretNames } from './parameters/schema'
import { validateParameters } from './parameters/validation'
import { plainParameters } from './parameters/worker-numbers'
import { DEFAULT_TIMEOUT_SECONDS } from './process/types'


/** The action, or a clear error naming it and the nearest known actions. */
export function findAction(packs: PackRepository, actionRef: string): ActionDefinition {
  const ref = actionRef.trim().toLowerCase()
  const action = packs.findAction(ref)
  if (action) return action
  const all = packs.listActions().map((a) => a.ref)
  // The nearest by edit distance first (a typo such as `mypack.gret`), then the same pack or the same name.
  const closest = closestName(ref, all)
  const related = all.filter((candidate) => candidate !== closest && (candidate.endsWith(`.${ref.split('.').pop()}`) || candidate.startsWith(`${ref.split('.')[0]}.`)))
  const near = closest === null ? related : [closest, ...related]
  throw badInput(`unknown action '${actionRef}'${near.length ? ` (did you mean ${near.slice(0, 5).join(', ')}?)` : all.length ? ` (known actions: ${all.slice(0, 10).join(', ')})` : ' (no packs registered: packs add DIR)'}`)
}

/** The loaded runtime an enabled action runs on, its entry point checked; a clear error otherwise. */
export function runtimeOf(packs: PackRepository, runtimes: RuntimeRepository, action: ActionDefinition): RuntimeRecord {
  if (!action.enabled) throw badInput(`action '${action.ref}' is disabled (enabled: false in ${action.file})`)
  if (action.runtimeRef === null) {
    throw badInput(
      action.workflowFile
        ? `action '${action.ref}' is a workflow (${action.workflowFile}); the workbench runs only actions with a runtime`
        : `action '${action.ref}' has no runtime: runner_type '${action.runnerType}' names none (see packs list for the problem)`
    )
  }
  const runtime = runtimes.findByRef(action.runtimeRef)
  if (!runtime) throw badInput(`action '${action.ref}' uses runtime '${action.runtimeRef}', which is not loaded`)
  checkEntryPoint(packs, action, runtime.ref)
  return runtime
}

/** Refuse an action whose entry point has an error, as loaded or as the disk is now (issue 9 finding 6). */
export function checkEntryPoint(packs: PackRepository, action: ActionDefinition, runtimeRef: string): void {
  const pack = packs.findByRef(packOf(action))
  const problem = pack ? entryPointProblemSync(action, pack.dir, runtimeRef) : null
  if (problem !== null) throw badInput(problem)
}

/** The parameters with their defaults, or an error listing every invalid one. */
export function checkParameters(action: ActionDefinition, parameters: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const values = applyDefaults(action.parameters, parameters)
  // Checks see each exact number as its nearest double; the run gets the exact text (worker-numbers.ts).
  const { errors } = validateParameters(action.parameters, plainParameters(values))
  if (errors.length > 0) throw badInput(`invalid parameters for ${action.ref}: ${errors.map((issue) => issue.message).join('; ')}`)
  return values
}

/** Spec §5.2: the run's timeout, else the action's, else 600 s; values ≤ 0 are skipped. */
export function timeoutFor(options: RunOptions, action: ActionDefinition): number {
  for (const candidate of [options.timeoutSeconds, action.timeoutSeconds]) {
    if (typeof candidate === 'number' && candidate > 0) return candidate
  }
  return DEFAULT_TIMEOUT_SECONDS
}

export function packOf(action: ActionDefinition): string {
  return action.ref.split('.')[0] ?? action.ref
}

/** Stored parameters never hold a secret value. */
export function redactParameters(action: ActionDefinition, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const secrets = new Set(secretNames(action.parameters))
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, secrets.has(key) ? SECRET_MASK : value]))
}
