import type { ExecutionView } from '../../../../shared/domain/execution'

/**
 * "env incomplete": the run started with an env whose last build failed, so a green status does not mean
 * the pack's dependencies were there (the run's warnings say why).
 */
export function EnvIncompleteBadge({ execution }: { readonly execution: Pick<ExecutionView, 'envIncomplete' | 'warnings'> }) {
  if (!execution.envIncomplete) return null
  const why = execution.warnings.find((warning) => warning.includes(' environment is ')) ?? 'the env was not ready when the run started'
  return (
    <span className="badge badge-warn inline" title={why} data-testid="env-incomplete">
      env incomplete
    </span>
  )
}
