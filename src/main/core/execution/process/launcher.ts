import type { LaunchRequest, LaunchResult, ProcessLauncher } from '../execution-launch'
import { missingApiWarning, sdkDependency, type ApiSettings } from '../command/api-context'
import { buildContextEnv } from '../command/child-env-context'
import { runProcess } from './runtime'
import type { ProcessRequest } from './types'

/**
 * The executor's launcher on the real ProcessRuntime: the run's decisions become a `ProcessRequest`
 * (spec §5.2 ExecutionContext), the result becomes what the execution row records.
 */
export function createProcessLauncher(options: {
  readonly baselineEnv: Readonly<Record<string, string>>
  readonly killGraceMs?: number
  /** The workbench's own Attune API settings (its ATTUNE_API_URL / ATTUNE_API_TOKEN). */
  readonly api?: ApiSettings
  /** Where each run's private folder is made (`<data home>/scratch`). */
  readonly scratchDir?: string
}): ProcessLauncher {
  return async (request: LaunchRequest): Promise<LaunchResult> => {
    const { action, pack } = request
    const apiUrl = request.apiUrl ?? options.api?.url ?? null
    const apiWarnings: string[] = []
    const sdk = apiUrl === null ? sdkDependency(pack.dir, action.entryPath) : null
    if (sdk !== null) apiWarnings.push(missingApiWarning(sdk))
    if (request.apiToken && !options.api?.token) apiWarnings.push("an API token was asked for, but the workbench's environment has no ATTUNE_API_TOKEN; none is passed")
    const processRequest: ProcessRequest = {
      executionId: request.executionId,
      actionRef: action.ref,
      packRef: pack.ref,
      packDir: pack.dir,
      runtimeName: request.runtimeName,
      baseConfig: request.baseConfig,
      baseEnvDir: request.baseEnvDir ?? '',
      versionConfig: request.isOverride ? request.config : null,
      versionEnvDir: request.isOverride ? request.envDir : null,
      entryPoint: action.entryPoint,
      codePath: action.entryPath,
      parameters: request.parameters,
      parameterSchema: action.parameters,
      outputSchema: action.output,
      parameterDelivery: action.parameterDelivery,
      parameterFormat: action.parameterFormat,
      outputFormat: action.outputFormat,
      timeoutSeconds: request.timeoutSeconds,
      baselineEnv: options.baselineEnv,
      contextEnv: buildContextEnv({
        executionId: request.executionId,
        actionRef: action.ref,
        packRef: pack.ref,
        artifactsDir: request.artifactsDir,
        runtimeEnvsDir: request.runtimeEnvsDir,
        apiUrl,
        // spec §5.5: only for an execution with permission sets — here, a run that asks for it.
        apiToken: request.apiToken ? (options.api?.token ?? null) : null,
        context: mergeContext(request.parameters.context, request.context)
      }),
      executionEnv: request.executionEnv ?? {},
      stdoutLogPath: request.logs.stdout,
      stderrLogPath: request.logs.stderr,
      onOutput: request.onOutput,
      signal: request.signal,
      ...(options.scratchDir !== undefined && { tempDir: options.scratchDir }),
      prepareEnv: async (config) => request.ensureEnv(request.isOverride && config === request.config ? 'version' : 'base'),
      ...(options.killGraceMs !== undefined && { killGraceMs: options.killGraceMs })
    }
    const result = await runProcess(processRequest)
    return {
      exitCode: result.startFailure ? null : result.exitCode,
      result: result.parsed ? result.parsed.value : null,
      stdoutParsed: result.parsed !== null,
      error: result.error,
      timedOut: result.timedOut,
      cancelled: result.cancelled,
      durationMs: result.durationMs,
      stdoutTruncated: result.stdoutTruncated,
      stderrTruncated: result.stderrTruncated,
      interpreter: result.interpreter,
      configUsed: result.configUsed,
      fallback: result.fallback,
      warnings: [...apiWarnings, ...result.warnings],
      ...(!result.logsIncomplete && result.startFailure === null && { output: { stdout: result.stdout, stderr: result.stderr } })
    }
  }
}

/** A `context` parameter (the worker's `config.context`) with the run's own entries over it. */
function mergeContext(fromParameters: unknown, given: Readonly<Record<string, string>> | undefined): unknown {
  if (given === undefined || Object.keys(given).length === 0) return fromParameters
  const base = typeof fromParameters === 'object' && fromParameters !== null && !Array.isArray(fromParameters) ? fromParameters : {}
  return { ...base, ...given }
}
