import { useId, useState } from 'react'
import { Dialog } from '../common/dialog'

interface RerunDialogProps {
  readonly action: string
  readonly secrets: readonly string[]
  readonly onCancel: () => void
  readonly onRun: (secrets: Record<string, string>) => void
}

/** Secret values are never stored: a re-run asks for them again. */
export function RerunDialog({ action, secrets, onCancel, onRun }: RerunDialogProps) {
  const [values, setValues] = useState<Record<string, string>>({})
  const formId = useId()
  return (
    <Dialog
      title={`Re-run ${action}`}
      onClose={onCancel}
      footer={
        <>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button-primary">
            Run
          </button>
        </>
      }
    >
      <form
        id={formId}
        className="form"
        onSubmit={(event) => {
          event.preventDefault()
          onRun(values)
        }}
      >
        <p className="muted">The other parameters and the version choice are taken from the previous run. Secret values were not kept; enter them again.</p>
        {secrets.map((name) => (
          <div className="field" key={name}>
            <label htmlFor={`${formId}-${name}`}>{name}</label>
            <input id={`${formId}-${name}`} type="password" autoComplete="new-password" value={values[name] ?? ''} onChange={(event) => setValues({ ...values, [name]: event.target.value })} />
          </div>
        ))}
      </form>
    </Dialog>
  )
}
