import { baseConfigLabel } from '../../../../shared/domain/base-config'
import type { ActionSummary } from '../../../../shared/ipc/contract'
import { useRuntimesStore } from '../../stores/runtimes-store'
import { ResolutionPopover } from './resolution-popover'
import type { RunMode } from './run-dialog'

/** One action: runner, constraint, the version a run would get now, and the run buttons. */
export function ActionRow({
  summary,
  hasError,
  onRun
}: {
  readonly summary: ActionSummary
  /** Its file has an error problem (shown in the row below): no Run button until it is fixed. */
  readonly hasError: boolean
  readonly onRun: (mode: RunMode) => void
}) {
  const { action, resolution, resolvedVersion } = summary
  const runtime = useRuntimesStore((state) => state.runtimes.find((view) => view.ref === action.runtimeRef))
  const entryPointError = action.workflowFile ? null : (action.entryPointError ?? (action.entryPath === null ? 'entry point problem (see Packs)' : null))
  const runnable = action.enabled && action.runtimeRef !== null && !action.workflowFile && entryPointError === null && !hasError
  const hasVersions = (runtime?.versions.length ?? 0) > 0
  return (
    <tr>
      <th scope="row">
        <code>{action.ref}</code>
        {action.label ? <div className="small">{action.label}</div> : null}
        {action.description ? <div className="muted small">{action.description}</div> : null}
      </th>
      <td>
        {action.workflowFile ? 'workflow' : action.runnerType}
        {action.workflowFile ? (
          <div className="muted small">run by an Attune executor</div>
        ) : runtime ? (
          <div className="muted small">{runtime.name}</div>
        ) : action.runtimeRef ? null : (
          <div className="text-bad small">no runtime matches</div>
        )}
      </td>
      <td>{action.runtimeVersion ? <code>{action.runtimeVersion}</code> : <span className="muted">any</span>}</td>
      <td>
        <span className="resolved" data-testid="resolved-version">
          {resolvedVersion ?? (hasVersions ? baseConfigLabel(runtime) : 'runtime config')}
        </span>
        {resolution ? <ResolutionPopover action={action.ref} resolution={resolution} /> : null}
      </td>
      <td className="row-actions">
        {runnable ? (
          <>
            <button type="button" className="button-primary" onClick={() => onRun('run')} aria-label={`Run ${action.ref}…`}>
              Run…
            </button>
            {hasVersions ? (
              <button type="button" onClick={() => onRun('matrix')} aria-label={`Run ${action.ref} across versions…`}>
                Run across versions
              </button>
            ) : null}
          </>
        ) : (
          <span className="muted small" title={entryPointError ?? undefined}>
            {action.workflowFile
              ? 'workflow (not run here)'
              : !action.enabled
                ? 'disabled'
                : action.runtimeRef === null
                  ? 'no runtime'
                  : entryPointError !== null
                    ? 'entry point problem'
                    : 'has errors (see below)'}
          </span>
        )}
      </td>
    </tr>
  )
}
