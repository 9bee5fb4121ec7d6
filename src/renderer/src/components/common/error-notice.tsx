import type { UiError } from '../../lib/ui-error'

/** An error in words, with the technical detail one click away. */
export function ErrorNotice({ error, onDismiss }: { readonly error: UiError; readonly onDismiss?: () => void }) {
  return (
    <div role="alert" className="notice notice-error">
      <div className="notice-text">
        <strong>{error.title}</strong>
        <p>{error.message}</p>
        <details>
          <summary>Details</summary>
          <pre>{error.detail}</pre>
        </details>
      </div>
      {onDismiss ? (
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      ) : null}
    </div>
  )
}
