import { useAppStore } from '../../stores/app-store'
import { ErrorNotice } from '../common/error-notice'

/** App-level messages: a failed first contact, or a short notice for the user. */
export function NoticeBar() {
  const error = useAppStore((state) => state.error)
  const notice = useAppStore((state) => state.notice)
  const notify = useAppStore((state) => state.notify)
  return (
    <>
      {error ? <ErrorNotice error={error} /> : null}
      {notice ? (
        <div className="notice notice-info" role="status">
          <p className="notice-text">{notice}</p>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => notify(null)}>
            ×
          </button>
        </div>
      ) : null}
    </>
  )
}
