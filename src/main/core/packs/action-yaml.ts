import type { ActionDefinition, FieldSpec, OutputFormat, PackProblem, ParameterDelivery, ParameterFormat } from '../../../shared/domain/pack'
import { describeType, isRecord, parseYamlSource } from '../catalog/yaml-fields'
import { resolveEntryPoint, type EntryPoint } from './action-yaml-entry-point'
import { readChoice, readEnabled, readRequiredWorkerRuntimes, readRuntimeVersion, readTimeoutSeconds } from './action-yaml-options'
import { readActionRef } from './action-yaml-ref'
import { readFieldSpecs } from './field-spec'
import { yamlReporter, type Report } from './pack-loader-report'
import { describeAcceptedRunnerTypes, type RunnerResolver } from './runner-type'

export const PARAMETER_DELIVERIES: readonly ParameterDelivery[] = ['stdin', 'file']
export const PARAMETER_FORMATS: readonly ParameterFormat[] = ['json', 'dotenv', 'yaml']
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'yaml', 'jsonl']

/** The pack an action file belongs to. */
export interface ActionYamlContext {
  readonly packRef: string
  /** Absolute realpath of the pack folder. */
  readonly packDir: string
  readonly runners: RunnerResolver
}

/** An action read from its file, with the line of its `ref` (to name it when another file repeats the ref). */
export interface ActionYaml {
  readonly action: ActionDefinition
  readonly refLine: number | null
}

/**
 * Read one `actions/*.yaml` document (spec §1.3, §1.12).
 *
 * Returns null only when the file cannot name an action (syntax error, not a mapping, no usable `ref`).
 * Everything else is reported and the action is still returned: an unusable entry point gives
 * `entryPath: null`, an unknown `runner_type` gives `runtimeRef: null`, bad values fall back to defaults.
 */
export function readActionYaml(file: string, text: string, context: ActionYamlContext, problems: PackProblem[]): ActionYaml | null {
  const source = parseYamlSource(file, text, problems)
  if (!source) return null
  const report = yamlReporter(source, problems)
  const doc = source.value
  if (!isRecord(doc)) {
    report([], `an action file must be a mapping with at least 'ref' and 'entry_point', found ${describeType(doc)}; skipped`)
    return null
  }
  const identity = readActionRef(doc.ref, context.packRef, report)
  if (!identity) return null

  const workflowFile = readWorkflowFile(doc.workflow_file, report)
  const runner = workflowFile === null ? readRunner(doc.runner_type, context.runners, report) : { runnerType: runnerTypeText(doc.runner_type), runtimeRef: null }
  const entry: EntryPoint =
    workflowFile === null
      ? resolveEntryPoint(doc.entry_point, context.packDir, report, {
          misspelledKey: doc.entrypoint !== undefined,
          shell: runner.runtimeRef === 'core.shell',
          native: runner.runtimeRef === 'core.native'
        })
      : { entryPoint: workflowFile, entryPath: null, error: null }
  if (doc.runtime_version_constraint !== undefined && doc.runtime_version === undefined) {
    report(['runtime_version_constraint'], `is not read from action files: the key is 'runtime_version'`, 'warning')
  }

  const action: ActionDefinition = {
    ref: identity.ref,
    name: identity.name,
    label: optionalText(doc, 'label', report),
    description: optionalText(doc, 'description', report),
    file,
    entryPoint: entry.entryPoint,
    entryPath: entry.entryPath,
    entryPointError: entry.error,
    workflowFile,
    ...runner,
    runtimeVersion: readRuntimeVersion(doc.runtime_version, source, report),
    requiredWorkerRuntimes: readRequiredWorkerRuntimes(doc.required_worker_runtimes, source, report),
    parameters: readFieldSpecs(doc.parameters, ['parameters'], report) ?? {},
    output: readOutput(doc, report),
    parameterDelivery: readChoice(doc, 'parameter_delivery', PARAMETER_DELIVERIES, 'stdin', report, {
      env: "the 'env' delivery of older Attune docs no longer exists: parameters arrive on stdin, or in a file named by ATTUNE_PARAMETER_FILE"
    }),
    parameterFormat: readChoice(doc, 'parameter_format', PARAMETER_FORMATS, 'json', report),
    outputFormat: readChoice(doc, 'output_format', OUTPUT_FORMATS, 'text', report),
    timeoutSeconds: readTimeoutSeconds(doc.timeout_seconds, report),
    enabled: readEnabled(doc.enabled, report)
  }
  return { action, refLine: source.lineOf(['ref']) }
}

function readWorkflowFile(value: unknown, report: Report): string | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'string' || value.trim() === '') {
    report(['workflow_file'], `must be the path of a workflow file relative to actions/, found ${describeType(value)}; ignored`)
    return null
  }
  report(['workflow_file'], 'makes this a workflow action: the workbench lists it but does not run workflows (an Attune executor orchestrates them)', 'warning')
  return value
}

function readRunner(value: unknown, runners: RunnerResolver, report: Report): { runnerType: string; runtimeRef: string | null } {
  if (value !== undefined && value !== null && typeof value !== 'string') {
    report(['runner_type'], `must be text such as 'python', found ${describeType(value)}; 'shell' is used, as a worker does`)
  }
  const runnerType = runnerTypeText(value)
  const runtimeRef = runners.resolve(runnerType)
  if (runtimeRef === null) {
    report(['runner_type'], `'${runnerType}' does not match any runtime: ${describeAcceptedRunnerTypes(runners)}`)
  }
  return { runnerType, runtimeRef }
}

// spec §1.12: a missing (or non-text) runner_type means shell.
function runnerTypeText(value: unknown): string {
  return typeof value === 'string' && value.trim() !== '' ? value : 'shell'
}

// The worker reads `output`; `output_schema` (the name in Attune's docs) is accepted too.
function readOutput(doc: Record<string, unknown>, report: Report): Record<string, FieldSpec> | null {
  const hasOutput = doc.output !== undefined && doc.output !== null
  const hasSchema = doc.output_schema !== undefined && doc.output_schema !== null
  if (hasOutput && hasSchema) {
    report(['output_schema'], "is ignored because 'output' is also present (the worker reads 'output')", 'warning')
  }
  if (hasOutput) return readFieldSpecs(doc.output, ['output'], report)
  if (!hasSchema) return null
  const schema = readFieldSpecs(doc.output_schema, ['output_schema'], report)
  if (schema && Object.values(schema).some((spec) => spec.secret === true)) {
    report(['output_schema'], "declares secret fields, but a worker reads only 'output', so it would not redact them; rename the key to 'output'", 'warning')
  }
  return schema
}

/** An optional text field; anything else is a warning and null. */
export function optionalText(doc: Record<string, unknown>, key: string, report: Report): string | null {
  const value = doc[key]
  if (value === undefined || value === null) return null
  if (typeof value !== 'string') {
    report([key], `must be text, found ${describeType(value)}; ignored`, 'warning')
    return null
  }
  return value
}
