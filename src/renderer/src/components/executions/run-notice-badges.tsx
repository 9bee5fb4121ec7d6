import type { ExecutionView } from '../../../../shared/domain/execution'
import { runNotices } from '../../../../shared/domain/run-notices'
import { useBaseConfigLabel } from '../../stores/runtimes-store'

const ICONS = { cancelled: '⊘', truncated: '✂', 'not-parsed': '⚠', 'base-config': '◇' } as const

/** What the status alone does not say (cancelled by whom, output cut, no result, base config), as badges. */
export function RunNoticeBadges({ execution, withText = false }: { readonly execution: ExecutionView; readonly withText?: boolean }) {
  const notices = runNotices(execution)
  const baseConfig = useBaseConfigLabel(execution.runtime)
  if (notices.length === 0) return null
  return (
    <span className="run-notices" data-testid="run-notices">
      {notices.map((notice) => {
        // The base config named as it is on this machine: "base config: python3 = 3.11.2".
        const label = notice.kind === 'base-config' ? baseConfig : notice.label
        return (
          <span key={notice.kind} className={`badge inline ${notice.kind === 'base-config' ? 'badge-info' : 'badge-warn'}`} title={notice.text} aria-label={`${label}: ${notice.text}`} data-kind={notice.kind}>
            <span aria-hidden="true">{ICONS[notice.kind]}</span> {label}
            {withText ? <span className="small"> — {notice.text}</span> : null}
          </span>
        )
      })}
    </span>
  )
}
