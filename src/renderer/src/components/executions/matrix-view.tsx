import { Fragment, useEffect } from 'react'
import { formatDuration, formatValue } from '../../lib/format'
import { routeHref } from '../../lib/route'
import { useExecutionsStore } from '../../stores/executions-store'
import { ErrorNotice } from '../common/error-notice'
import { StatusBadge } from '../common/status-badge'
import { DurationChart } from './duration-chart'
import { RunDiffDetails } from './run-diff-details'

/** A matrix run: one row per version (status, exit code, duration, result, differs) and a chart of durations. */
export function MatrixView({ id }: { readonly id: number }) {
  const { matrix, matrixId, matrixError, openMatrix } = useExecutionsStore()
  useEffect(() => void openMatrix(id), [id, openMatrix])
  const view = matrixId === id ? matrix : null
  if (!view) return matrixError ? <ErrorNotice error={matrixError} /> : <p className="loading">Loading matrix run {id}…</p>
  const { summary } = view
  return (
    <div className="view">
      <section className="card" aria-label="Matrix summary">
        <header className="card-header">
          <h2>
            <code>{view.action}</code> <span className="muted">across versions · matrix {view.id}</span>
          </h2>
          {summary.baseline ? (
            <p className="muted small" data-testid="matrix-baseline">
              Each run is compared with the baseline, {summary.baseline} (the first run that completed)
              {summary.repeat > 1 ? ` · ${summary.repeat} runs per version` : ''}
            </p>
          ) : null}
          <div className="card-actions">
            <StatusBadge status="completed" label={`${summary.passed} passed`} />
            {summary.failed > 0 ? <StatusBadge status="failed" label={`${summary.failed} failed`} /> : null}
            {summary.resultsDiffer ? <StatusBadge status="stale" label="results differ" /> : null}
          </div>
        </header>
        {matrixError ? <ErrorNotice error={matrixError} /> : null}
        <table className="table" aria-label="Runs per version">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col">Exit code</th>
              <th scope="col">Duration</th>
              <th scope="col">Result</th>
              <th scope="col">Compared with the baseline</th>
            </tr>
          </thead>
          <tbody>
            {view.entries.map((entry) => (
              <Fragment key={`${entry.version}-${entry.run?.id ?? 'skipped'}`}>
                <tr data-testid="matrix-row">
                  <th scope="row">{entry.run ? <a href={routeHref({ view: 'execution', id: entry.run.id })}>{entry.version}</a> : entry.version}</th>
                  <td>{entry.run ? <StatusBadge status={entry.run.status} /> : <StatusBadge status="skipped" />}</td>
                  <td>{entry.run?.exitCode ?? '—'}</td>
                  <td>{formatDuration(entry.run?.durationMs)}</td>
                  <td className="matrix-result" title={entry.run ? formatValue(entry.run.result ?? entry.run.error ?? entry.run.stdout) : undefined}>
                    {entry.run ? <code>{summarize(entry.run.result ?? entry.run.error ?? entry.run.stdout)}</code> : <span className="muted">{entry.skipped}</span>}
                  </td>
                  <td>
                    {entry.differs && entry.diff ? (
                      <span className="badge badge-warn">differs from {entry.diff.baseline}</span>
                    ) : entry.diff ? (
                      <span className="muted">same as {entry.diff.baseline}</span>
                    ) : entry.run && entry.version === summary.baseline ? (
                      <span className="badge badge-muted">baseline</span>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
                {entry.differs && entry.diff ? (
                  <tr className="matrix-diff-row">
                    <td colSpan={6}>
                      <RunDiffDetails diff={entry.diff} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-label="Durations">
        <h2 className="card-title">Duration per version</h2>
        <DurationChart entries={view.entries} />
      </section>
    </div>
  )
}

function summarize(value: unknown): string {
  const text = formatValue(value).replace(/\s+/g, ' ').trim()
  return text.length > 140 ? `${text.slice(0, 140)}…` : text || '—'
}
