import { DIFFERENCE_PREFIX, type ExecutionView } from '../../../../shared/domain/execution'
import { useAppStore } from '../../stores/app-store'
import { useBaseConfigLabel } from '../../stores/runtimes-store'
import { assignmentLines } from '../../lib/assignments'
import { formatDuration, formatTime, formatValue, shortHash } from '../../lib/format'

/** How the run was made: its fingerprint (version, interpreter, env, deps), timing, parameters, fallbacks. */
export function ExecutionFacts({ execution }: { readonly execution: ExecutionView }) {
  const parameters = Object.keys(execution.parameters).length > 0 ? formatValue(execution.parameters) : null
  const showInFolder = useAppStore((state) => state.showInFolder)
  const baseConfig = useBaseConfigLabel(execution.runtime)
  // The one line naming what this run did that a worker would not (README "Where the workbench differs from a worker").
  const difference = execution.warnings.find((warning) => warning.startsWith(DIFFERENCE_PREFIX))
  const warnings = execution.warnings.filter((warning) => warning !== execution.fallback && warning !== difference)
  return (
    <div className="facts-columns">
      <div>
        <h3>Fingerprint</h3>
        <dl className="facts">
          <dt>Version</dt>
          <dd data-testid="execution-version">{execution.selectedVersion ?? (execution.runtime ? baseConfig : '—')}</dd>
          <dt>Interpreter</dt>
          <dd>{execution.interpreter ? <code className="path">{execution.interpreter}</code> : '—'}</dd>
          <dt>Env dir</dt>
          <dd>
            {execution.envDir ? (
              <>
                <code className="path">{execution.envDir}</code>{' '}
                <button type="button" className="link-button small" onClick={() => void showInFolder(execution.envDir as string)}>
                  Show in folder
                </button>
              </>
            ) : (
              '—'
            )}
          </dd>
          <dt>Deps hash</dt>
          <dd>
            <code title={execution.depsHash ?? undefined}>{shortHash(execution.depsHash)}</code>
          </dd>
          {execution.options.env && Object.keys(execution.options.env).length > 0 ? (
            <>
              <dt>Env vars</dt>
              <dd>
                <code className="path">{assignmentLines(execution.options.env).split('\n').join(' ')}</code>
              </dd>
            </>
          ) : null}
          {execution.options.context && Object.keys(execution.options.context).length > 0 ? (
            <>
              <dt>Context</dt>
              <dd>
                <code className="path">{assignmentLines(execution.options.context).split('\n').join(' ')}</code>
              </dd>
            </>
          ) : null}
          {execution.options.apiUrl || execution.options.apiToken ? (
            <>
              <dt>Attune API</dt>
              <dd>
                {execution.options.apiUrl ? <code className="path">{execution.options.apiUrl}</code> : 'the workbench’s ATTUNE_API_URL'}
                {execution.options.apiToken ? ' (with ATTUNE_API_TOKEN)' : ''}
              </dd>
            </>
          ) : null}
          <dt>Constraint</dt>
          <dd>{execution.constraint ? <code>{execution.constraint}</code> : 'any'}</dd>
          {execution.resolution ? (
            <>
              <dt>Why</dt>
              <dd className="small">{execution.resolution.decision}</dd>
            </>
          ) : null}
          {difference ? (
            <>
              <dt>Not as a worker</dt>
              <dd className="text-warn" data-testid="execution-difference" title="See the README: Where the workbench differs from a worker">
                {difference.slice(DIFFERENCE_PREFIX.length)}
              </dd>
            </>
          ) : null}
          {execution.fallback ? (
            <>
              <dt>Fallback</dt>
              <dd className="text-warn">{execution.fallback}</dd>
            </>
          ) : null}
        </dl>
      </div>
      <div>
        <h3>Run</h3>
        <dl className="facts">
          <dt>Duration</dt>
          <dd>{formatDuration(execution.durationMs)}</dd>
          <dt>Exit code</dt>
          <dd>{execution.exitCode ?? '—'}</dd>
          <dt>Started</dt>
          <dd>{formatTime(execution.startedAt)}</dd>
          <dt>Finished</dt>
          <dd>{formatTime(execution.finishedAt)}</dd>
          {warnings.length > 0 ? (
            <>
              <dt>Warnings</dt>
              <dd>{warnings.join('; ')}</dd>
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
        </dl>
      </div>
    </div>
  )
}
