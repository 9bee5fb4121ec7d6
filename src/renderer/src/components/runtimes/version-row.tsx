import type { RuntimeVersionView, RuntimeView } from '../../../../shared/domain/runtime'
import { formatTime } from '../../lib/format'
import { useRuntimesStore } from '../../stores/runtimes-store'
import { StatusBadge } from '../common/status-badge'
import { Switch } from '../common/switch'
import { VerificationAttempts, VerificationDetails } from './verification-details'

/** One version: detected status, the user's switch, where its interpreter came from, the last verification. */
export function VersionRow({ runtime, version }: { readonly runtime: RuntimeView; readonly version: RuntimeVersionView }) {
  const toggle = useRuntimesStore((state) => state.toggle)
  const pending = useRuntimesStore((state) => state.pending)
  const waiting = pending?.runtime === runtime.ref && pending.version === version.version
  return (
    <tr>
      <th scope="row">
        {version.version}
        {version.isDefault ? <span className="badge badge-muted inline">default</span> : null}
      </th>
      <td>
        <StatusBadge status={version.available ? 'available' : 'unavailable'} />
      </td>
      <td>
        <Switch
          label={`${runtime.name} ${version.version} enabled`}
          checked={version.enabled}
          disabled={waiting}
          text={version.enabled ? 'On' : 'Off'}
          onChange={(enabled) => void toggle(runtime, version.version, enabled)}
        />
      </td>
      <td className="interpreter">
        {version.interpreter ? (
          <code className="path">{version.interpreter}</code>
        ) : version.verification && version.verification.attempts.length > 0 ? (
          <VerificationAttempts attempts={version.verification.attempts} label={`Why ${runtime.name} ${version.version} is unavailable`} />
        ) : (
          <span className="muted">not found</span>
        )}
        {version.source ? (
          <div className="muted small" title={version.sourceDetail ?? undefined}>
            from {version.source}
            {version.sourceDetail ? ` — ${version.sourceDetail}` : ''}
          </div>
        ) : null}
      </td>
      <td>
        <div className="small">{formatTime(version.verifiedAt)}</div>
        {version.verification || version.reason ? <VerificationDetails verification={version.verification} reason={version.reason} /> : null}
      </td>
    </tr>
  )
}
