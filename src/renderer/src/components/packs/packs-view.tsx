import { useState } from 'react'
import { usePacksStore } from '../../stores/packs-store'
import { ConfirmDialog } from '../common/confirm-dialog'
import { EmptyState } from '../common/empty-state'
import { ErrorNotice } from '../common/error-notice'
import { AddPackForm } from './add-pack-form'
import { EnvLogDialog } from './env-log-dialog'
import { PackCard } from './pack-card'

/** Registered packs: load problems, each pack's env tree, adding and removing packs. */
export function PacksView() {
  const { packs, envs, loaded, error, envLog, remove } = usePacksStore()
  const [removing, setRemoving] = useState<string | null>(null)
  return (
    <div className="view">
      <AddPackForm />
      {error ? <ErrorNotice error={error} onDismiss={() => usePacksStore.setState({ error: null })} /> : null}
      {!loaded ? <p className="loading">Loading packs…</p> : null}
      {loaded && packs.length === 0 ? (
        <EmptyState title="No packs registered yet.">
          Add a pack folder above (the folder holding <code>pack.yaml</code>). It is registered where it lies, so edits you make there are picked up.
        </EmptyState>
      ) : null}
      {packs.map((pack) => (
        <PackCard key={pack.ref} pack={pack} envs={envs.filter((env) => env.pack === pack.ref)} onRemove={() => setRemoving(pack.ref)} />
      ))}
      {removing ? (
        <ConfirmDialog
          title={`Remove ${removing}?`}
          confirmLabel={`Remove ${removing}`}
          danger
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            void remove(removing)
            setRemoving(null)
          }}
        >
          <p>The pack is unregistered and its environments are deleted. Its folder and your files stay as they are; you can add it again later.</p>
        </ConfirmDialog>
      ) : null}
      {envLog ? <EnvLogDialog log={envLog} /> : null}
    </div>
  )
}
