import { useId } from 'react'

export interface RunVariablesValue {
  readonly env: string
  readonly context: string
  /** ATTUNE_API_URL for this run ('' = the workbench's own ATTUNE_API_URL, if any). */
  readonly apiUrl: string
  /** Pass the workbench's ATTUNE_API_TOKEN, as a worker does for an execution with permission sets. */
  readonly apiToken: boolean
}

/**
 * The run's own env vars (the execution's `env_vars`, set over the runtime's; `ATTUNE_*` ignored as on a
 * worker) and context entries (`ATTUNE_CONTEXT_<KEY>`), one `NAME=VALUE` per line. Kept with the run.
 */
export function RunVariables({ value, error, onChange }: { readonly value: RunVariablesValue; readonly error: string | null; readonly onChange: (value: RunVariablesValue) => void }) {
  const envId = useId()
  const contextId = useId()
  const apiId = useId()
  const tokenId = useId()
  return (
    <details className="run-variables" open={value.env !== '' || value.context !== '' || value.apiUrl !== '' || error !== null}>
      <summary>Environment, context and Attune API</summary>
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
      <div className="field">
        <label htmlFor={apiId}>Attune API URL</label>
        <input id={apiId} type="url" placeholder="http://localhost:8080" value={value.apiUrl} onChange={(event) => onChange({ ...value, apiUrl: event.target.value })} />
        <div className="field-hint">Passed as ATTUNE_API_URL (SDK calls: keystore, artifacts, queues). Empty: the workbench’s own ATTUNE_API_URL, if set.</div>
      </div>
      <div className="field field-check">
        <label htmlFor={tokenId}>Pass ATTUNE_API_TOKEN</label>
        <input id={tokenId} type="checkbox" checked={value.apiToken} onChange={(event) => onChange({ ...value, apiToken: event.target.checked })} />
        <div className="field-hint">The workbench’s own token, as a worker passes one to an execution with permission sets; never stored.</div>
      </div>
      {error ? <p className="text-bad small">{error}</p> : null}
    </details>
  )
}
