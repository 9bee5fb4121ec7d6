import type { ExecutionView } from '../../../../shared/domain/execution'
import { formatDuration, formatTime } from '../../lib/format'
import { routeHref } from '../../lib/route'
import { StatusBadge } from '../common/status-badge'
import { EnvIncompleteBadge } from './env-incomplete-badge'
import { RunNoticeBadges } from './run-notice-badges'

/** One run in the history: a link to its detail, with status, version and timing. */
export function ExecutionListRow({ execution }: { readonly execution: ExecutionView | undefined }) {
  if (!execution) return null
  return (
    <a className="history-row" href={routeHref({ view: 'execution', id: execution.id })} aria-label={`Execution ${execution.id}: ${execution.action}, ${execution.status}${execution.envIncomplete ? ', env incomplete' : ''}`}>
      <span className="mono">#{execution.id}</span>
      <span className="history-action">
        <code>{execution.action}</code>
        {execution.matrixId !== null ? <span className="badge badge-muted inline">matrix {execution.matrixId}</span> : null}
        {execution.rerunOf !== null ? <span className="badge badge-muted inline">re-run of #{execution.rerunOf}</span> : null}
      </span>
      <span>
        <StatusBadge status={execution.status} />
        <EnvIncompleteBadge execution={execution} />
        {execution.exitCode !== null && execution.status !== 'completed' && execution.status !== 'cancelled' ? <span className="muted small"> exit {execution.exitCode}</span> : null}
        <RunNoticeBadges execution={execution} />
      </span>
      <span>{execution.selectedVersion ?? (execution.runtime ? 'base' : '—')}</span>
      <span>{formatDuration(execution.durationMs)}</span>
      <span className="small">{formatTime(execution.startedAt ?? execution.createdAt)}</span>
    </a>
  )
}
