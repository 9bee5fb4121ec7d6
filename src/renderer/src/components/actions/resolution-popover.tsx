import type { Resolution } from '../../../../shared/domain/runtime'
import { Popover } from '../common/popover'

/** Why a constraint resolves as it does: every candidate, matched or not, with the reason. */
export function ResolutionPopover({ action, resolution }: { readonly action: string; readonly resolution: Resolution }) {
  return (
    <Popover label={`Why this version for ${action}`} button="Why?">
      <p className="popover-title">
        {resolution.constraint ? (
          <>
            Constraint <code>{resolution.constraint}</code>
            {resolution.normalized && resolution.normalized !== resolution.constraint ? (
              <>
                {' '}
                (read as <code>{resolution.normalized}</code>)
              </>
            ) : null}
          </>
        ) : (
          'No constraint: the default version wins.'
        )}
      </p>
      {resolution.error ? <p className="text-bad">{resolution.error}</p> : null}
      <ul className="candidates">
        {resolution.candidates.map((candidate) => (
          <li key={candidate.version} className={candidate.selected ? 'candidate selected' : candidate.matches ? 'candidate' : 'candidate rejected'}>
            <span className="candidate-mark" aria-hidden="true">
              {candidate.selected ? '✔' : candidate.matches && candidate.available && candidate.enabled ? '○' : '✕'}
            </span>
            <span>
              <strong>{candidate.version}</strong>
              {candidate.isDefault ? <span className="badge badge-muted inline">default</span> : null}
            </span>
            <span className="candidate-reason">{candidate.reason}</span>
          </li>
        ))}
      </ul>
      <p className="small">{resolution.decision}</p>
    </Popover>
  )
}
