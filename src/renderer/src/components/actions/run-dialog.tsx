import { useId, useMemo, useState } from 'react'
import type { ActionSummary } from '../../../../shared/ipc/contract'
import { parseAssignmentLines } from '../../lib/assignments'
import { formFields, initialValues, toParameters } from '../../lib/parameter-form'
import { routeHref } from '../../lib/route'
import { useExecutionsStore } from '../../stores/executions-store'
import { useRuntimesStore } from '../../stores/runtimes-store'
import { Dialog } from '../common/dialog'
import { ErrorNotice } from '../common/error-notice'
import { ParameterField } from './parameter-field'
import { RunVariables, type RunVariablesValue } from './run-variables'
import { VersionChoice, type VersionChoiceValue } from './version-choice'

export type RunMode = 'run' | 'matrix'

/** The run form, generated from the action's flat parameter schema; a single run or one per version. */
export function RunDialog({ summary, mode, onClose }: { readonly summary: ActionSummary; readonly mode: RunMode; readonly onClose: () => void }) {
  const { action } = summary
  const fields = useMemo(() => formFields(action.parameters), [action])
  const [values, setValues] = useState(() => initialValues(fields))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [choice, setChoice] = useState<VersionChoiceValue>({ version: '', strict: false, force: false })
  const [variables, setVariables] = useState<RunVariablesValue>({ env: '', context: '', apiUrl: '', apiToken: false })
  const [variablesError, setVariablesError] = useState<string | null>(null)
  const runtime = useRuntimesStore((state) => state.runtimes.find((view) => view.ref === action.runtimeRef))
  const { starting, startError, start, startMatrix, clearStartError } = useExecutionsStore()
  const formId = useId()
  const close = (): void => {
    clearStartError()
    onClose()
  }
  const submit = async (): Promise<void> => {
    const converted = toParameters(fields, values)
    if (!converted.ok) return setErrors(converted.errors)
    setErrors({})
    const env = parseAssignmentLines(variables.env)
    const context = parseAssignmentLines(variables.context)
    if (!env.ok || !context.ok) return setVariablesError(!env.ok ? `Env vars, ${env.error}` : !context.ok ? `Context, ${context.error}` : null)
    setVariablesError(null)
    const options = {
      version: choice.version || null,
      strict: choice.strict,
      ...(choice.version && choice.force ? { force: true } : {}),
      ...(Object.keys(env.values).length > 0 && { env: env.values }),
      ...(Object.keys(context.values).length > 0 && { context: context.values }),
      ...(variables.apiUrl.trim() !== '' && { apiUrl: variables.apiUrl.trim() }),
      ...(variables.apiToken && { apiToken: true })
    }
    const id = mode === 'run' ? await start(action.ref, converted.parameters, options) : await startMatrix(action.ref, converted.parameters)
    if (id === null) return
    close()
    window.location.hash = routeHref(mode === 'run' ? { view: 'execution', id } : { view: 'matrix', id })
  }
  const submitLabel = mode === 'run' ? 'Run' : 'Run across versions'
  return (
    <Dialog
      title={mode === 'run' ? `Run ${action.ref}` : `Run ${action.ref} across versions`}
      onClose={close}
      footer={
        <>
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button-primary" disabled={starting}>
            {submitLabel}
          </button>
        </>
      }
    >
      <form
        id={formId}
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        {action.description ? <p className="muted">{action.description}</p> : null}
        {fields.length === 0 ? <p className="muted">This action takes no parameters.</p> : null}
        {fields.map((field) => (
          <ParameterField key={field.name} field={field} value={values[field.name] ?? ''} error={errors[field.name]} onChange={(value) => setValues({ ...values, [field.name]: value })} />
        ))}
        {mode === 'run' && runtime && runtime.versions.length > 0 ? (
          <VersionChoice runtime={runtime} resolvedVersion={summary.resolvedVersion} constraint={action.runtimeVersion} value={choice} onChange={setChoice} />
        ) : null}
        {mode === 'run' ? <RunVariables value={variables} error={variablesError} onChange={setVariables} /> : null}
        {mode === 'matrix' ? (
          <p className="muted">
            Runs once per enabled, available {runtime?.name ?? ''} version
            {action.runtimeVersion ? (
              <>
                {' '}
                that satisfies <code>{action.runtimeVersion}</code>
              </>
            ) : null}
            , each in its own environment; the others are listed as skipped.
          </p>
        ) : null}
        {startError ? <ErrorNotice error={startError} /> : null}
      </form>
    </Dialog>
  )
}
