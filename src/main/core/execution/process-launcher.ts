import type { LaunchRequest, LaunchResult, ProcessLauncher } from './execution-launch'
import { buildContextEnv } from './child-env-context'
import { runProcess } from './process-runtime'
import type { ProcessRequest } from './process-types'

/**
 * The executor's launcher on the real ProcessRuntime: the run's decisions become a `ProcessRequest`
 * (spec §5.2 ExecutionContext), the result becomes what the execution row records.
 */
export function createProcessLauncher(options: { readonly baselineEnv: Readonly<Record<string, string>>; readonly killGraceMs?: number }): ProcessLauncher {
  return async (request: LaunchRequest): Promise<LaunchResult> => {
    const { action, pack } = request
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
        context: request.parameters.context
      }),
      stdoutLogPath: request.logs.stdout,
      stderrLogPath: request.logs.stderr,
      onOutput: request.onOutput,
      signal: request.signal,
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
      warnings: result.warnings
    }
  }
}
