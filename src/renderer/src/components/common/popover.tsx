import { useEffect, useId, useRef, useState, type ReactNode } from 'react'

interface PopoverProps {
  /** The accessible name of the button and of the panel. */
  readonly label: string
  readonly button: ReactNode
  readonly children: ReactNode
}

/** A button that opens a small non-modal panel below it; Esc or a click outside closes it. */
export function Popover({ label, button, children }: PopoverProps) {
  const [open, setOpen] = useState(false)
  const anchor = useRef<HTMLDivElement>(null)
  const trigger = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  useEffect(() => {
    if (!open) return
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return
      event.stopPropagation()
      setOpen(false)
      trigger.current?.focus()
    }
    const onPointer = (event: PointerEvent): void => {
      if (!anchor.current?.contains(event.target as Node)) setOpen(false)
    }
    document.addEventListener('keydown', onKey, true)
    document.addEventListener('pointerdown', onPointer)
    return () => {
      document.removeEventListener('keydown', onKey, true)
      document.removeEventListener('pointerdown', onPointer)
    }
  }, [open])
  return (
    <div className="popover-anchor" ref={anchor}>
      <button ref={trigger} type="button" className="link-button" aria-label={label} aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        {button}
      </button>
      {open ? (
        <div id={panelId} role="dialog" aria-label={label} className="popover">
          {children}
        </div>
      ) : null}
    </div>
  )
}
