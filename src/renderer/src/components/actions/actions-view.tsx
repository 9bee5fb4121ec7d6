import { Fragment, useRef, useState } from 'react'
import type { ActionSummary } from '../../../../shared/ipc/contract'
import { useActionsStore } from '../../stores/actions-store'
import { usePacksStore } from '../../stores/packs-store'
import { EmptyState } from '../common/empty-state'
import { ErrorNotice } from '../common/error-notice'
import { ActionFileProblems, FailedActionRow } from './action-file-problems'
import { packActionFiles, type PackActionFiles } from './action-files'
import { ActionRow } from './action-row'
import { RunDialog, type RunMode } from './run-dialog'

/** Actions per pack with the version each resolves to now, where to run them, and every action file's problems. */
export function ActionsView() {
  const { actions, loaded, error } = useActionsStore()
  const packs = usePacksStore((state) => state.packs)
  const packsLoaded = usePacksStore((state) => state.loaded)
  const [target, setTarget] = useState<{ summary: ActionSummary; mode: RunMode } | null>(null)
  const listed = packs.map((pack) => packActionFiles(pack, actions)).filter((pack) => pack.rows.length > 0)
  return (
    <div className="view">
      {error ? <ErrorNotice error={error} onDismiss={() => useActionsStore.setState({ error: null })} /> : null}
      {!loaded || !packsLoaded ? <p className="loading">Loading actions…</p> : null}
      {loaded && packsLoaded && listed.length === 0 ? (
        <EmptyState title="No actions yet.">
          Actions come from packs. Go to <a href="#/packs">Packs</a> and add a pack folder.
        </EmptyState>
      ) : null}
      {listed.map((pack) => (
        <PackActions key={pack.pack} pack={pack} onRun={(summary, mode) => setTarget({ summary, mode })} />
      ))}
      {target ? <RunDialog summary={target.summary} mode={target.mode} onClose={() => setTarget(null)} /> : null}
    </div>
  )
}

function PackActions({ pack, onRun }: { readonly pack: PackActionFiles; readonly onRun: (summary: ActionSummary, mode: RunMode) => void }) {
  const section = useRef<HTMLElement>(null)
  const showProblems = (): void => {
    const first = section.current?.querySelector<HTMLElement>('.action-file-problems')
    first?.scrollIntoView({ block: 'center' })
    first?.querySelector<HTMLElement>('ul')?.focus()
  }
  const here = pack.problemCount - pack.elsewhere
  return (
    <section ref={section} className="card" aria-label={`Actions of ${pack.pack}`}>
      <h2 className="card-title">
        {pack.pack}
        {here > 0 ? (
          <button type="button" className="link-button" onClick={showProblems}>
            {here} problem{here === 1 ? '' : 's'}
          </button>
        ) : null}
        {pack.elsewhere > 0 ? (
          <a className="link-button" href="#/packs">
            {pack.elsewhere} more in the pack (see Packs)
          </a>
        ) : null}
      </h2>
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
          {pack.rows.map((row) => (
            <Fragment key={row.file}>
              {row.summary ? (
                <ActionRow summary={row.summary} hasError={row.hasError} onRun={(mode) => row.summary && onRun(row.summary, mode)} />
              ) : (
                <FailedActionRow row={row} />
              )}
              <ActionFileProblems row={row} />
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  )
}
