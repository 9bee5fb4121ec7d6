import { useId } from 'react'
import { baseConfigLabel } from '../../../../shared/domain/base-config'
import type { RuntimeView } from '../../../../shared/domain/runtime'
import { Switch } from '../common/switch'

export interface VersionChoiceValue {
  readonly version: string
  readonly strict: boolean
  readonly force: boolean
}

interface VersionChoiceProps {
  readonly runtime: RuntimeView
  readonly resolvedVersion: string | null
  readonly constraint: string | null
  readonly value: VersionChoiceValue
  readonly onChange: (value: VersionChoiceValue) => void
}

/** Pin a version (or let the worker's selection decide) and the strict switch. */
export function VersionChoice({ runtime, resolvedVersion, constraint, value, onChange }: VersionChoiceProps) {
  const id = useId()
  return (
    <fieldset className="fieldset">
      <legend>Version</legend>
      <div className="field">
        <label htmlFor={id}>{runtime.name} version</label>
        <select id={id} value={value.version} onChange={(event) => onChange({ ...value, version: event.target.value })}>
          <option value="">Automatic — {resolvedVersion ? `resolves to ${resolvedVersion}` : `no match: ${baseConfigLabel(runtime)}`}</option>
          {runtime.versions.map((version) => (
            <option key={version.version} value={version.version}>
              {version.version}
              {!version.available ? ' (unavailable)' : !version.enabled ? ' (disabled)' : ''}
            </option>
          ))}
        </select>
      </div>
      {value.version ? (
        <label className="field-check">
          <input type="checkbox" checked={value.force} onChange={(event) => onChange({ ...value, force: event.target.checked })} /> Run it even if it does not satisfy{' '}
          {constraint ? <code>{constraint}</code> : 'the constraint'}
        </label>
      ) : null}
      <div className="field-row">
        <Switch label="Strict" text="Strict" checked={value.strict} onChange={(strict) => onChange({ ...value, strict })} />
        <span className="muted small">When nothing matches, fail the run instead of falling back to the base config as a worker would.</span>
      </div>
    </fieldset>
  )
}
