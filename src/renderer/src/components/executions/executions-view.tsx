import { useId } from 'react'
import type { ExecutionStatus } from '../../../../shared/domain/execution'
import { useActionsStore } from '../../stores/actions-store'
import { useExecutionsStore } from '../../stores/executions-store'
import { EmptyState } from '../common/empty-state'
import { ErrorNotice } from '../common/error-notice'
import { VirtualList } from '../common/virtual-list'
import { ExecutionListRow } from './execution-list-row'

const STATUSES: readonly ExecutionStatus[] = ['requested', 'running', 'completed', 'failed', 'timeout', 'cancelled', 'abandoned']
const ROW_HEIGHT = 44

/** The run history, newest first, filtered by action and status. */
export function ExecutionsView() {
  const { list, listLoaded, listError, filter, hasMore, setFilter, loadMore } = useExecutionsStore()
  const actions = useActionsStore((state) => state.actions)
  const actionId = useId()
  const statusId = useId()
  const actionRefs = [...new Set([...actions.map((summary) => summary.action.ref), ...(filter.action ? [filter.action] : [])])].sort()
  const filtered = filter.action !== null || filter.status !== null
  return (
    <div className="view">
      <div className="filters" role="group" aria-label="Filter executions">
        <label htmlFor={actionId}>Action</label>
        <select id={actionId} value={filter.action ?? ''} onChange={(event) => setFilter({ ...filter, action: event.target.value || null })}>
          <option value="">All actions</option>
          {actionRefs.map((ref) => (
            <option key={ref}>{ref}</option>
          ))}
        </select>
        <label htmlFor={statusId}>Status</label>
        <select id={statusId} value={filter.status ?? ''} onChange={(event) => setFilter({ ...filter, status: (event.target.value || null) as ExecutionStatus | null })}>
          <option value="">Any status</option>
          {STATUSES.map((status) => (
            <option key={status}>{status}</option>
          ))}
        </select>
        <span className="muted small filters-count">
          {list.length}
          {hasMore ? '+' : ''} shown
        </span>
      </div>
      {listError ? <ErrorNotice error={listError} onDismiss={() => useExecutionsStore.setState({ listError: null })} /> : null}
      {listLoaded && list.length === 0 ? (
        filtered ? (
          <EmptyState title="No executions match these filters.">Choose “All actions” and “Any status” to see every run.</EmptyState>
        ) : (
          <EmptyState title="No runs yet.">
            Go to <a href="#/actions">Actions</a>, pick an action and press “Run…”. Its live log and result will show here.
          </EmptyState>
        )
      ) : null}
      {list.length > 0 ? (
        <div className="history">
          <div className="history-head" aria-hidden="true">
            <span>Run</span>
            <span>Action</span>
            <span>Status</span>
            <span>Version</span>
            <span>Duration</span>
            <span>Started</span>
          </div>
          <VirtualList label="Execution history" rowCount={list.length} rowHeight={ROW_HEIGHT} className="history-list" renderRow={(index) => <ExecutionListRow execution={list[index]} />} />
          {hasMore ? (
            <button type="button" className="load-more" onClick={() => void loadMore()}>
              Load older runs
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}
