import { reasonBeyondError, type EnvView } from '../../../../shared/domain/env'
import { formatBytes, formatTime, shortHash } from '../../lib/format'
import { useAppStore } from '../../stores/app-store'
import { envKey, usePacksStore } from '../../stores/packs-store'
import { StatusBadge } from '../common/status-badge'

/** One env: status (with why), interpreter, deps hash, size, build time, its actions, and live setup output. */
export function EnvRow({ env, runtimeName }: { readonly env: EnvView; readonly runtimeName: string }) {
  const key = envKey(env)
  const progress = usePacksStore((state) => state.progress[key])
  const busy = usePacksStore((state) => state.busy[key])
  const { rebuild, openLog } = usePacksStore()
  const showInFolder = useAppStore((state) => state.showInFolder)
  const label = env.version === null ? 'base' : env.version
  const reason = reasonBeyondError(env)
  const streaming = progress !== undefined && progress.length > 0
  const building = env.status === 'building' || busy !== undefined || streaming
  return (
    <>
      <tr data-testid="env-row" data-status={env.status} className={streaming ? 'row-with-progress' : undefined}>
        <th scope="row">{label}</th>
        <td>
          <span data-testid="env-status">
            <StatusBadge status={env.status} />
          </span>
          {building && env.status !== 'building' ? <StatusBadge status="building" label={env.status === 'ready' ? 'rebuilding…' : 'building…'} /> : null}
          {env.error ? (
            <div className="text-bad small">
              {env.error}
              {env.failedRequirement ? (
                <>
                  {' '}
                  — could not install <code>{env.failedRequirement}</code>
                </>
              ) : null}
            </div>
          ) : null}
          {reason ? <div className="muted small">{reason}</div> : null}
        </td>
        <td className="interpreter">{env.interpreter ? <code className="path">{env.interpreter}</code> : <span className="muted">—</span>}</td>
        <td>
          <code title={env.depsHash ?? undefined}>{shortHash(env.depsHash)}</code>
        </td>
        <td>{formatBytes(env.sizeBytes)}</td>
        <td className="small">{formatTime(env.builtAt)}</td>
        <td className="row-actions">
          <button type="button" className="small-button" onClick={() => void openLog(env)} disabled={!env.logFile} aria-label={`Build log of ${runtimeName} ${label}`}>
            Log
          </button>
          <button type="button" className="small-button" onClick={() => void rebuild(env)} disabled={building} aria-label={`Rebuild ${runtimeName} ${label}`}>
            {busy ?? 'Rebuild'}
          </button>
          <button type="button" className="small-button" onClick={() => void showInFolder(env.dir)} aria-label={`Show ${runtimeName} ${label} in folder`}>
            Folder
          </button>
        </td>
      </tr>
      {streaming ? (
        <tr className="progress-row">
          <td colSpan={7}>
            <pre className="env-progress" aria-label={`Setup output of ${runtimeName} ${label}`}>
              {progress.join('\n')}
            </pre>
          </td>
        </tr>
      ) : null}
    </>
  )
}
