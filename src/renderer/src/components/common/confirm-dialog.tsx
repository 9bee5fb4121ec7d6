import type { ReactNode } from 'react'
import { Dialog } from './dialog'

interface ConfirmDialogProps {
  readonly title: string
  readonly confirmLabel: string
  readonly onConfirm: () => void
  readonly onCancel: () => void
  readonly danger?: boolean
  readonly busy?: boolean
  readonly children: ReactNode
}

/** Ask before doing something that cannot be undone; Cancel has the focus first. */
export function ConfirmDialog({ title, confirmLabel, onConfirm, onCancel, danger, busy, children }: ConfirmDialogProps) {
  return (
    <Dialog
      title={title}
      onClose={onCancel}
      footer={
        <>
          <button type="button" onClick={onCancel} autoFocus>
            Cancel
          </button>
          <button type="button" className={danger ? 'button-danger' : 'button-primary'} onClick={onConfirm} disabled={busy}>
            {confirmLabel}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  )
}
