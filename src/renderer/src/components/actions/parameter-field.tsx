import { useId } from 'react'
import type { FormField } from '../../lib/parameter-form'

interface ParameterFieldProps {
  readonly field: FormField
  readonly value: string
  readonly error: string | undefined
  readonly onChange: (value: string) => void
}

/** One parameter as an input that fits its type: text, number, checkbox, select, password or JSON. */
export function ParameterField({ field, value, error, onChange }: ParameterFieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const common = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': hintId, required: field.required }
  let input
  switch (field.kind) {
    case 'boolean':
      input = <input {...common} type="checkbox" checked={value === 'true'} onChange={(event) => onChange(event.target.checked ? 'true' : 'false')} />
      break
    case 'select':
      input = (
        <select {...common} value={value} onChange={(event) => onChange(event.target.value)}>
          {field.required ? null : <option value="">(not set)</option>}
          {field.options.map((option, index) => (
            <option key={index} value={String(index)}>
              {option.label}
            </option>
          ))}
        </select>
      )
      break
    case 'json':
      input = <textarea {...common} rows={4} spellCheck={false} value={value} onChange={(event) => onChange(event.target.value)} />
      break
    default:
      input = (
        <input
          {...common}
          type={field.kind === 'secret' ? 'password' : field.kind === 'integer' || field.kind === 'number' ? 'number' : 'text'}
          step={field.kind === 'integer' ? 1 : field.kind === 'number' ? 'any' : undefined}
          autoComplete={field.kind === 'secret' ? 'new-password' : 'off'}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )
  }
  return (
    <div className={field.kind === 'boolean' ? 'field field-check param-field' : 'field param-field'}>
      <label htmlFor={id}>
        {field.name}
        {field.required ? <span className="required" aria-hidden="true"> *</span> : null}
      </label>
      {input}
      <div id={hintId} className="field-hint">
        {error ? <span className="text-bad">{error}</span> : null}
        {!error && field.description ? field.description : null}
        {!error && field.kind === 'secret' ? ' Secret: never stored; a re-run asks again.' : null}
        {!error && field.type ? <span className="muted"> ({field.type})</span> : null}
        {!error && field.limits.length > 0 ? <span className="muted"> · {field.limits.join(' · ')}</span> : null}
        {!error && field.kind !== 'secret' && field.defaultValue !== undefined ? <span className="muted"> · default {JSON.stringify(field.defaultValue)}</span> : null}
      </div>
    </div>
  )
}
