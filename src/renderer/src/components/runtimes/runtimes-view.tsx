import { useRuntimesStore } from '../../stores/runtimes-store'
import { EmptyState } from '../common/empty-state'
import { ErrorNotice } from '../common/error-notice'
import { ImpactDialog } from './impact-dialog'
import { RuntimeCard } from './runtime-card'

/** Every runtime and version on this machine, with the user's switches and the last verification. */
export function RuntimesView() {
  const { runtimes, loaded, error, verifying, pending, verify } = useRuntimesStore()
  const verifyingAll = verifying.includes('*')
  return (
    <div className="view">
      <div className="view-intro">
        <div>
          <p>
            What this machine offers, as a worker would see it. A version runs only when it is verified <em>and</em> enabled; switching one off first shows
            which actions would move.
          </p>
          <p className="small" data-testid="runtimes-differences">
            Unlike a worker, interpreters from version managers (pyenv, asdf, mise, nvm, …) stand in for a version’s bare command, and the enable switch is the
            workbench’s own: see “Where the workbench differs from a worker” in the README. A run that used one of these says so.
          </p>
        </div>
        <button type="button" onClick={() => void verify()} disabled={verifyingAll}>
          {verifyingAll ? 'Verifying…' : 'Verify all now'}
        </button>
      </div>
      {error ? <ErrorNotice error={error} onDismiss={() => useRuntimesStore.setState({ error: null })} /> : null}
      {loaded && runtimes.length === 0 ? (
        <EmptyState title="No runtimes are loaded.">The built-in catalog should always be there: check the resources/runtimes folder, then press “Verify all now”.</EmptyState>
      ) : null}
      {!loaded ? <p className="loading">Loading runtimes…</p> : null}
      {runtimes.map((runtime) => (
        <RuntimeCard key={runtime.ref} runtime={runtime} verifying={verifyingAll || verifying.includes(runtime.ref)} />
      ))}
      {pending ? <ImpactDialog pending={pending} /> : null}
    </div>
  )
}
