import { useEffect, useState } from 'react'
import { formatValue } from '../../lib/format'
import { routeHref } from '../../lib/route'
import { findAction, useActionsStore } from '../../stores/actions-store'
import { useExecutionsStore } from '../../stores/executions-store'
import { ErrorNotice } from '../common/error-notice'
import { StatusBadge } from '../common/status-badge'
import { EnvIncompleteBadge } from './env-incomplete-badge'
import { ExecutionFacts } from './execution-facts'
import { LogPanel } from './log-panel'
import { RunDialog } from '../actions/run-dialog'
import { RerunDialog } from './rerun-dialog'
import { RunNoticeBadges } from './run-notice-badges'

const LIVE = new Set(['requested', 'running'])

/** One run: status, the live log, the parsed result, how the version was chosen; cancel and re-run. */
export function ExecutionDetail({ id }: { readonly id: number }) {
  const { detail, detailId, detailError, open, cancel, rerun } = useExecutionsStore()
  const actions = useActionsStore((state) => state.actions)
  const [asking, setAsking] = useState(false)
  useEffect(() => void open(id), [id, open])
  const execution = detailId === id ? detail : null
  if (!execution) return detailError ? <ErrorNotice error={detailError} /> : <p className="loading">Loading execution {id}…</p>
  const live = LIVE.has(execution.status)
  const summary = findAction(actions, execution.action)
  const secrets = Object.entries(summary?.action.parameters ?? {}).filter(([, spec]) => spec.secret)
  const startRerun = async (values: Record<string, unknown>): Promise<void> => {
    const next = await rerun(execution.id, values)
    setAsking(false)
    if (next !== null) window.location.hash = routeHref({ view: 'execution', id: next })
  }
  return (
    <div className="view">
      <section className="card" aria-label="Execution summary">
        <header className="card-header">
          <div>
            <h2>
              <code>{execution.action}</code> <span className="muted">#{execution.id}</span>
            </h2>
            {execution.matrixId !== null ? (
              <a href={routeHref({ view: 'matrix', id: execution.matrixId })} className="small">
                Part of matrix run {execution.matrixId}
              </a>
            ) : null}
          </div>
          <div className="card-actions">
            <span data-testid="execution-status">
              <StatusBadge status={execution.status} />
            </span>
            <EnvIncompleteBadge execution={execution} />
            {live ? (
              <button type="button" className="button-danger" onClick={() => void cancel(execution.id)}>
                Cancel
              </button>
            ) : null}
            <button type="button" onClick={() => (summary || secrets.length > 0 ? setAsking(true) : void startRerun({}))}>
              Re-run
            </button>
          </div>
        </header>
        <RunNoticeBadges execution={execution} withText />
        {detailError ? <ErrorNotice error={detailError} /> : null}
        {execution.error ? (
          <div className="notice notice-error" role="alert" aria-label="Execution error">
            <div className="notice-text">
              <strong>{headline(execution.status)}</strong>
              {execution.exitCode !== null && execution.status !== 'cancelled' ? <span className="muted"> · exit code {execution.exitCode}</span> : null}
              <pre className="error-text">{execution.error}</pre>
            </div>
          </div>
        ) : null}
        <ExecutionFacts execution={execution} />
      </section>
      {execution.result !== null && execution.result !== undefined ? (
        <section className="card" aria-label="Result">
          <h2 className="card-title">Result</h2>
          <pre className="result" data-testid="execution-result">
            {formatValue(execution.result)}
          </pre>
        </section>
      ) : null}
      <LogPanel execution={execution} />
      {asking && summary ? <RunDialog summary={summary} mode="run" rerunOf={{ id: execution.id, parameters: execution.parameters }} onClose={() => setAsking(false)} /> : null}
      {asking && !summary ? <RerunDialog action={execution.action} secrets={secrets.map(([name]) => name)} onCancel={() => setAsking(false)} onRun={(values) => void startRerun(values)} /> : null}
    </div>
  )
}

function headline(status: string): string {
  if (status === 'timeout') return 'The run timed out'
  if (status === 'cancelled') return 'The run was cancelled'
  return 'The run failed'
}
