import { useId } from 'react'

export interface RunVariablesValue {
  readonly env: string
  readonly context: string
}

/**
 * The run's own env vars (the execution's `env_vars`, set over the runtime's; `ATTUNE_*` ignored as on a
 * worker) and context entries (`ATTUNE_CONTEXT_<KEY>`), one `NAME=VALUE` per line. Kept with the run.
 */
export function RunVariables({ value, error, onChange }: { readonly value: RunVariablesValue; readonly error: string | null; readonly onChange: (value: RunVariablesValue) => void }) {
  const envId = useId()
  const contextId = useId()
  return (
    <details className="run-variables" open={value.env !== '' || value.context !== '' || error !== null}>
      <summary>Environment and context</summary>
      <div className="field">
        <label htmlFor={envId}>Env vars</label>
        <textarea id={envId} rows={3} spellCheck={false} placeholder="REGION=eu-west-1" value={value.env} onChange={(event) => onChange({ ...value, env: event.target.value })} />
        <div className="field-hint">One NAME=VALUE per line; set last, over the runtime’s. ATTUNE_* names are ignored, as on a worker. Stored with the run: no secrets here.</div>
      </div>
      <div className="field">
        <label htmlFor={contextId}>Context</label>
        <textarea id={contextId} rows={2} spellCheck={false} placeholder="user=ada" value={value.context} onChange={(event) => onChange({ ...value, context: event.target.value })} />
        <div className="field-hint">Each KEY=VALUE reaches the action as ATTUNE_CONTEXT_KEY.</div>
      </div>
      {error ? <p className="text-bad small">{error}</p> : null}
    </details>
  )
}
