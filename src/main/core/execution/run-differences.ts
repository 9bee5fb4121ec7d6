import type { EnvStatus } from '../../../shared/domain/env'
import { DIFFERENCE_PREFIX, type RunOptions } from '../../../shared/domain/execution'
import type { InterpreterSource } from '../../../shared/domain/runtime'

/** What {@link runDifferences} looks at. */
export interface RunDifferenceInputs {
  readonly options: RunOptions
  /** The selected version: its interpreter, where discovery found it, and the command the config names. */
  readonly selected: { readonly interpreter: string | null; readonly source: InterpreterSource | null; readonly binary: string } | null
  /** The env's status before the run's ensure built it; undefined when nothing was built. */
  readonly envRebuiltFrom: EnvStatus | undefined
}

/** Sources a worker also finds: its PATH and the config's own absolute path. */
const WORKER_SOURCES: ReadonlySet<InterpreterSource> = new Set(['path', 'system', 'absolute'])

/**
 * The one warning line that says what this run did that a worker would not (README "Where the workbench
 * differs from a worker"), or null for a run as a worker makes it: a stand-in interpreter from a version
 * manager, strict mode, a `--version` pin, a stale or broken env rebuilt before the run.
 */
export function runDifferences(inputs: RunDifferenceInputs): string | null {
  const parts: string[] = []
  const { selected, options } = inputs
  if (selected !== null && selected.source !== null && !WORKER_SOURCES.has(selected.source)) {
    parts.push(`${selected.interpreter ?? 'an interpreter'} from ${selected.source} stands in for '${selected.binary}'`)
  }
  if (options.strict === true) parts.push('strict mode (no fallback to the base config)')
  if (options.version !== undefined && options.version !== null) parts.push(`version pinned to ${options.version}${options.force === true ? ' (forced)' : ''}`)
  if (inputs.envRebuiltFrom === 'stale' || inputs.envRebuiltFrom === 'broken') parts.push(`the ${inputs.envRebuiltFrom} env was rebuilt before the run`)
  return parts.length === 0 ? null : `${DIFFERENCE_PREFIX}${parts.join('; ')}`
}
