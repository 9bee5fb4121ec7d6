import { useState } from 'react'
import type { ActionSummary } from '../../../../shared/ipc/contract'
import { useActionsStore } from '../../stores/actions-store'
import { EmptyState } from '../common/empty-state'
import { ErrorNotice } from '../common/error-notice'
import { ActionRow } from './action-row'
import { RunDialog, type RunMode } from './run-dialog'

/** Actions per pack with the version each resolves to now, and where to run them. */
export function ActionsView() {
  const { actions, loaded, error } = useActionsStore()
  const [target, setTarget] = useState<{ summary: ActionSummary; mode: RunMode } | null>(null)
  const packs = [...new Set(actions.map((summary) => summary.pack))]
  return (
    <div className="view">
      {error ? <ErrorNotice error={error} onDismiss={() => useActionsStore.setState({ error: null })} /> : null}
      {!loaded ? <p className="loading">Loading actions…</p> : null}
      {loaded && actions.length === 0 ? (
        <EmptyState title="No actions yet.">
          Actions come from packs. Go to <a href="#/packs">Packs</a> and add a pack folder.
        </EmptyState>
      ) : null}
      {packs.map((pack) => (
        <section key={pack} className="card" aria-label={`Actions of ${pack}`}>
          <h2 className="card-title">{pack}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Runner</th>
                <th scope="col">Constraint</th>
                <th scope="col">Resolves to</th>
                <th scope="col">
                  <span className="sr-only">Run</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {actions
                .filter((summary) => summary.pack === pack)
                .map((summary) => (
                  <ActionRow key={summary.action.ref} summary={summary} onRun={(mode) => setTarget({ summary, mode })} />
                ))}
            </tbody>
          </table>
        </section>
      ))}
      {target ? <RunDialog summary={target.summary} mode={target.mode} onClose={() => setTarget(null)} /> : null}
    </div>
  )
}
