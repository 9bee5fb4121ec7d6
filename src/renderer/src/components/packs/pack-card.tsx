import { useId } from 'react'
import type { EnvView } from '../../../../shared/domain/env'
import type { PackView } from '../../../../shared/domain/pack'
import { useAppStore } from '../../stores/app-store'
import { usePacksStore } from '../../stores/packs-store'
import { EnvTree } from './env-tree'
import { PackComponents } from './pack-components'
import { PackProblems } from './pack-problems'

interface PackCardProps {
  readonly pack: PackView
  readonly envs: readonly EnvView[]
  readonly onRemove: () => void
}

/** One registered pack: where it lies, its load problems, its other components, its environment tree. */
export function PackCard({ pack, envs, onRemove }: PackCardProps) {
  const busy = usePacksStore((state) => state.busy[pack.ref])
  const reload = usePacksStore((state) => state.reload)
  const showInFolder = useAppStore((state) => state.showInFolder)
  const titleId = useId()
  return (
    <section className="card" aria-labelledby={titleId}>
      <header className="card-header">
        <div>
          <h2 id={titleId}>{pack.ref}</h2>
          <p className="muted small">
            {pack.label ?? pack.ref}
            {pack.version ? ` · v${pack.version}` : ''} · {pack.actions.length} action{pack.actions.length === 1 ? '' : 's'} ·{' '}
            <button type="button" className="link-button path" onClick={() => void showInFolder(pack.dir)} title="Show in folder">
              {pack.dir}
            </button>
          </p>
          {pack.description ? <p className="small">{pack.description}</p> : null}
        </div>
        <div className="card-actions">
          {busy ? <span className="badge badge-busy">{busy}…</span> : null}
          <button type="button" onClick={() => void reload(pack.ref)} disabled={busy !== undefined}>
            Reload
          </button>
          <button type="button" className="button-danger" onClick={onRemove} disabled={busy !== undefined} aria-label={`Remove ${pack.ref}`}>
            Remove
          </button>
        </div>
      </header>
      <PackProblems pack={pack} />
      <PackComponents pack={pack} />
      <EnvTree pack={pack.ref} envs={envs} />
    </section>
  )
}
