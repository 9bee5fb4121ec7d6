import type { ExecutionStatus } from '../../../shared/domain/execution'
import type { ActionDefinition } from '../../../shared/domain/pack'
import { NOT_PARSED_WARNING } from '../../../shared/domain/run-notices'
import type { LaunchResult } from './execution-launch'

/** Spec §5.9: a structured `output_format` whose output did not parse leaves no result; say so. */
export function notParsedWarning(action: ActionDefinition, status: ExecutionStatus, result: LaunchResult): string[] {
  if (status !== 'completed' || action.outputFormat === 'text' || result.stdoutParsed) return []
  return [`${NOT_PARSED_WARNING} ${action.outputFormat} (output_format: ${action.outputFormat} in ${action.file}), so the run has no result; stdout is shown as text`]
}

/** Who cancelled, as `ExecutionService.cancel` put it in the abort reason; null when not told. */
export function cancelMessage(signal: AbortSignal): string | null {
  return signal.aborted && typeof signal.reason === 'string' ? signal.reason : null
}
