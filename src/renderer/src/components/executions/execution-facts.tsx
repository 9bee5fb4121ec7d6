import type { ExecutionView } from '../../../../shared/domain/execution'
import { formatDuration, formatTime, formatValue, shortHash } from '../../lib/format'

/** How the run was made: the selected version and its fingerprint, timing, parameters, fallbacks. */
export function ExecutionFacts({ execution }: { readonly execution: ExecutionView }) {
  const parameters = Object.keys(execution.parameters).length > 0 ? formatValue(execution.parameters) : null
  return (
    <dl className="facts facts-grid">
      <dt>Version</dt>
      <dd data-testid="execution-version">{execution.selectedVersion ?? (execution.runtime ? 'base config' : '—')}</dd>
      <dt>Constraint</dt>
      <dd>{execution.constraint ? <code>{execution.constraint}</code> : 'any'}</dd>
      <dt>Interpreter</dt>
      <dd>{execution.interpreter ? <code className="path">{execution.interpreter}</code> : '—'}</dd>
      <dt>Env dir</dt>
      <dd>{execution.envDir ? <code className="path">{execution.envDir}</code> : '—'}</dd>
      <dt>Deps hash</dt>
      <dd>
        <code title={execution.depsHash ?? undefined}>{shortHash(execution.depsHash)}</code>
      </dd>
      <dt>Duration</dt>
      <dd>{formatDuration(execution.durationMs)}</dd>
      <dt>Exit code</dt>
      <dd>{execution.exitCode ?? '—'}</dd>
      <dt>Started</dt>
      <dd>{formatTime(execution.startedAt)}</dd>
      <dt>Finished</dt>
      <dd>{formatTime(execution.finishedAt)}</dd>
      {execution.fallback ? (
        <>
          <dt>Fallback</dt>
          <dd className="text-warn">{execution.fallback}</dd>
        </>
      ) : null}
      {execution.warnings.filter((warning) => warning !== execution.fallback).length > 0 ? (
        <>
          <dt>Warnings</dt>
          <dd>{execution.warnings.filter((warning) => warning !== execution.fallback).join('; ')}</dd>
        </>
      ) : null}
      {parameters ? (
        <>
          <dt>Parameters</dt>
          <dd>
            <pre className="parameters">{parameters}</pre>
          </dd>
        </>
      ) : null}
      {execution.resolution ? (
        <>
          <dt>Why</dt>
          <dd className="small">{execution.resolution.decision}</dd>
        </>
      ) : null}
    </dl>
  )
}
