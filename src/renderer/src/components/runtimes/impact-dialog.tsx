import { useRuntimesStore, type PendingDisable } from '../../stores/runtimes-store'
import { ConfirmDialog } from '../common/confirm-dialog'
import { ErrorNotice } from '../common/error-notice'

/** Before a version is disabled: which actions would re-resolve and to what, which would have none left. */
export function ImpactDialog({ pending }: { readonly pending: PendingDisable }) {
  const { confirmDisable, cancelDisable } = useRuntimesStore()
  const label = `${pending.runtimeName} ${pending.version}`
  return (
    <ConfirmDialog title={`Disable ${label}?`} confirmLabel={`Disable ${label}`} onConfirm={() => void confirmDisable()} onCancel={cancelDisable} busy={pending.impact === null && !pending.error}>
      {pending.error ? <ErrorNotice error={pending.error} /> : null}
      {pending.impact === null && !pending.error ? <p className="loading">Working out which actions would change…</p> : null}
      {pending.impact?.length === 0 ? <p>No action would change: none of them resolves to {label} now.</p> : null}
      {pending.impact && pending.impact.length > 0 ? (
        <>
          <p>These actions would re-resolve:</p>
          <table className="table" aria-label="Impact">
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Constraint</th>
                <th scope="col">Now</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {pending.impact.map((entry) => (
                <tr key={entry.action}>
                  <th scope="row">
                    <code>{entry.action}</code>
                  </th>
                  <td>{entry.constraint ?? 'any (default)'}</td>
                  <td>{entry.before ?? 'base'}</td>
                  <td className={entry.loses ? 'text-bad' : undefined}>{entry.loses ? 'no version left — runs fall back to the base config' : entry.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </ConfirmDialog>
  )
}
