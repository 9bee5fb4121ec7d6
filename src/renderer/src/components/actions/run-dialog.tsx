import { useId, useMemo, useState } from 'react'
import type { ActionSummary } from '../../../../shared/ipc/contract'
import { parseAssignmentLines } from '../../lib/assignments'
import { formFields, initialValues, toParameters } from '../../lib/parameter-form'
import { routeHref } from '../../lib/route'
import { useExecutionsStore } from '../../stores/executions-store'
import { useRuntimesStore } from '../../stores/runtimes-store'
import { Dialog } from '../common/dialog'
import { ErrorNotice } from '../common/error-notice'
import { MatrixChoice, type MatrixChoiceValue } from './matrix-choice'
import { ParameterField } from './parameter-field'
import { RunVariables, type RunVariablesValue } from './run-variables'
import { VersionChoice, type VersionChoiceValue } from './version-choice'

export type RunMode = 'run' | 'matrix'

/** A re-run: the run it repeats, whose parameters fill the form (secrets are asked again). */
export interface RerunOf {
  readonly id: number
  readonly parameters: Readonly<Record<string, unknown>>
}

interface RunDialogProps {
  readonly summary: ActionSummary
  readonly mode: RunMode
  readonly onClose: () => void
  readonly rerunOf?: RerunOf
}

/** The run form, generated from the action's flat parameter schema; a single run, one per version, or a re-run. */
export function RunDialog({ summary, mode, onClose, rerunOf }: RunDialogProps) {
  const { action } = summary
  const fields = useMemo(() => formFields(action.parameters), [action])
  const [values, setValues] = useState(() => initialValues(fields, rerunOf?.parameters))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [choice, setChoice] = useState<VersionChoiceValue>({ version: '', strict: false, force: false })
  const [variables, setVariables] = useState<RunVariablesValue>({ env: '', context: '', apiUrl: '', apiToken: false })
  const [variablesError, setVariablesError] = useState<string | null>(null)
  const [matrixChoice, setMatrixChoice] = useState<MatrixChoiceValue>({ versions: [], repeat: 1 })
  const runtime = useRuntimesStore((state) => state.runtimes.find((view) => view.ref === action.runtimeRef))
  const { starting, startError, start, startMatrix, rerun, clearStartError } = useExecutionsStore()
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
    const id = rerunOf
      ? await rerun(rerunOf.id, {}, converted.parameters)
      : mode === 'run'
        ? await start(action.ref, converted.parameters, options)
        : await startMatrix(action.ref, converted.parameters, matrixChoice)
    if (id === null) return
    close()
    window.location.hash = routeHref(mode === 'run' ? { view: 'execution', id } : { view: 'matrix', id })
  }
  const submitLabel = mode === 'run' ? 'Run' : 'Run across versions'
  return (
    <Dialog
      title={rerunOf ? `Re-run ${action.ref} (#${rerunOf.id})` : mode === 'run' ? `Run ${action.ref}` : `Run ${action.ref} across versions`}
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
        {rerunOf ? <p className="muted">Same version choice as run #{rerunOf.id}; secrets are asked again.</p> : null}
        {mode === 'run' && !rerunOf && runtime && runtime.versions.length > 0 ? (
          <VersionChoice runtime={runtime} resolvedVersion={summary.resolvedVersion} constraint={action.runtimeVersion} value={choice} onChange={setChoice} />
        ) : null}
        {mode === 'run' && !rerunOf ? <RunVariables value={variables} error={variablesError} onChange={setVariables} /> : null}
        {mode === 'matrix' && runtime ? <MatrixChoice runtime={runtime} constraint={action.runtimeVersion} value={matrixChoice} onChange={setMatrixChoice} /> : null}
        {startError ? <ErrorNotice error={startError} /> : null}
      </form>
    </Dialog>
  )
}
