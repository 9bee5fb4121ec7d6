import { useId, useState } from 'react'
import { useAppStore } from '../../stores/app-store'
import { usePacksStore } from '../../stores/packs-store'
import { ErrorNotice } from '../common/error-notice'

/** Add a pack: a folder picker in the desktop app, a path field everywhere. */
export function AddPackForm() {
  const host = useAppStore((state) => state.info?.host)
  const { adding, addError, addNotice, add, pickAndAdd } = usePacksStore()
  const [dir, setDir] = useState('')
  const fieldId = useId()
  return (
    <section className="card add-pack" aria-label="Add a pack">
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault()
          if (dir.trim()) void add(dir.trim()).then((ok) => ok && setDir(''))
        }}
      >
        <label htmlFor={fieldId}>Pack folder</label>
        <input id={fieldId} type="text" value={dir} onChange={(event) => setDir(event.target.value)} placeholder="/path/to/my_pack" spellCheck={false} autoComplete="off" />
        <button type="submit" className="button-primary" disabled={adding || dir.trim() === ''}>
          {adding ? 'Adding…' : 'Add pack'}
        </button>
        {host === 'electron' ? (
          <button type="button" onClick={() => void pickAndAdd()} disabled={adding}>
            Choose folder…
          </button>
        ) : null}
      </form>
      <p className="muted small">The folder that holds pack.yaml (~ is your home folder). Its environments are built right after it is registered.</p>
      {addNotice ? (
        <p className="notice" role="status" data-testid="add-pack-notice">
          {addNotice}
        </p>
      ) : null}
      {addError ? <ErrorNotice error={addError} onDismiss={() => usePacksStore.setState({ addError: null })} /> : null}
    </section>
  )
}
