import { useId } from 'react'
import type { RuntimeView } from '../../../../shared/domain/runtime'

export interface MatrixChoiceValue {
  /** Versions ticked; none means every version that fits. */
  readonly versions: readonly string[]
  readonly repeat: number
}

interface MatrixChoiceProps {
  readonly runtime: RuntimeView
  readonly constraint: string | null
  readonly value: MatrixChoiceValue
  readonly onChange: (value: MatrixChoiceValue) => void
}

/** Which versions a matrix runs (default: all that fit) and how many times each. */
export function MatrixChoice({ runtime, constraint, value, onChange }: MatrixChoiceProps) {
  const repeatId = useId()
  const usable = runtime.versions.filter((version) => version.available && version.enabled)
  const toggle = (version: string, on: boolean): void =>
    onChange({ ...value, versions: on ? [...value.versions, version] : value.versions.filter((v) => v !== version) })
  return (
    <fieldset className="fieldset">
      <legend>Versions</legend>
      <p className="muted small">
        None ticked: every enabled, available {runtime.name} version
        {constraint ? (
          <>
            {' '}
            that satisfies <code>{constraint}</code>
          </>
        ) : null}
        . The others are listed as skipped.
      </p>
      <div className="field-row" role="group" aria-label="Versions to run">
        {usable.map((version) => (
          <label key={version.version} className="field-check">
            <input type="checkbox" checked={value.versions.includes(version.version)} onChange={(event) => toggle(version.version, event.target.checked)} /> {version.version}
          </label>
        ))}
      </div>
      <div className="field">
        <label htmlFor={repeatId}>Runs per version</label>
        <input
          id={repeatId}
          type="number"
          min={1}
          max={20}
          step={1}
          value={value.repeat}
          onChange={(event) => onChange({ ...value, repeat: Math.min(20, Math.max(1, Math.round(Number(event.target.value) || 1))) })}
        />
        <div className="field-hint muted">More than one run shows the spread of durations.</div>
      </div>
    </fieldset>
  )
}
