interface SwitchProps {
  /** The accessible name, e.g. "Python 3.13 enabled". */
  readonly label: string
  readonly checked: boolean
  readonly onChange: (checked: boolean) => void
  readonly disabled?: boolean
  /** Visible text beside the switch; the accessible name stays `label`. */
  readonly text?: string
}

/** An on/off switch: a button with role "switch" (Space and Enter toggle it). */
export function Switch({ label, checked, onChange, disabled, text }: SwitchProps) {
  return (
    <button type="button" role="switch" aria-checked={checked} aria-label={label} className="switch" disabled={disabled} onClick={() => onChange(!checked)}>
      <span className="switch-track" aria-hidden="true">
        <span className="switch-thumb" />
      </span>
      {text ? <span className="switch-text">{text}</span> : null}
    </button>
  )
}
