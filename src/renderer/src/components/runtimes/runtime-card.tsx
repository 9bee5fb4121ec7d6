import { useId } from 'react'
import type { RuntimeView } from '../../../../shared/domain/runtime'
import { formatTime } from '../../lib/format'
import { useRuntimesStore } from '../../stores/runtimes-store'
import { StatusBadge } from '../common/status-badge'
import { VerificationDetails } from './verification-details'
import { VersionRow } from './version-row'

/** One runtime: its availability, its versions with their switches, and "Verify now". */
export function RuntimeCard({ runtime, verifying }: { readonly runtime: RuntimeView; readonly verifying: boolean }) {
  const verify = useRuntimesStore((state) => state.verify)
  const titleId = useId()
  return (
    <section className="card" aria-labelledby={titleId}>
      <header className="card-header">
        <div>
          <h2 id={titleId}>{runtime.name}</h2>
          <p className="muted small">
            <code>{runtime.ref}</code>
            {runtime.aliases.length > 0 ? ` · aliases ${runtime.aliases.join(', ')}` : ''}
            {runtime.origin === 'pack' ? ` · from pack ${runtime.packRef}` : ''}
          </p>
        </div>
        <div className="card-actions">
          <StatusBadge status={runtime.available ? 'available' : 'unavailable'} />
          <button type="button" onClick={() => void verify(runtime.ref)} disabled={verifying}>
            {verifying ? 'Verifying…' : 'Verify now'}
          </button>
        </div>
      </header>
      {runtime.versions.length === 0 ? (
        <div className="runtime-base">
          <p className="muted">
            No versions: actions run with the runtime’s own configuration. Last verified {formatTime(runtime.verifiedAt)}.
            {runtime.reason ? ` ${runtime.reason}` : ''}
          </p>
          {runtime.verification ? <VerificationDetails verification={runtime.verification} reason={runtime.reason} /> : null}
        </div>
      ) : (
        <table className="table versions-table">
          <colgroup>
            <col className="col-version" />
            <col className="col-status" />
            <col className="col-enabled" />
            <col />
            <col className="col-verification" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col">Enabled</th>
              <th scope="col">Interpreter</th>
              <th scope="col">Last verification</th>
            </tr>
          </thead>
          <tbody>
            {runtime.versions.map((version) => (
              <VersionRow key={version.version} runtime={runtime} version={version} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
