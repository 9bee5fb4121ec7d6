import { mkdirSync, writeFileSync } from 'node:fs'
import type { ExecutionStatus, RunOptions } from '../../../shared/domain/execution'
import type { ActionDefinition } from '../../../shared/domain/pack'
import { envDirFor } from '../envs/env-layout'
import { envSpecFor } from '../envs/env-plan'
import { envNeededSync } from '../envs/env-spec'
import { WorkbenchError } from '../errors'
import type { ExecutionRecord } from '../store/execution-repository'
import type { RuntimeRecord } from '../store/runtime-repository'
import { entryPointProblemSync } from './command/entry-point-guard'
import { envWarning } from './env-warning'
import type { LaunchResult } from './execution-launch'
import type { ExecutionServiceDeps } from './execution-service'
import { executionLogPaths } from './execution-views'
import type { RunResolution } from './executor-resolution'
import { runDifferences } from './run-differences'
import { failedEnd, type RunLedger } from './run-ledger'
import { cancelMessage, notParsedWarning } from './run-outcome-notes'
import { packOf, timeoutFor } from './run-request'

/** What one run needs from the service that started it. */
export interface RunContext {
  readonly deps: ExecutionServiceDeps
  readonly ledger: RunLedger
  /** True once the engine is closing: the run then writes nothing more. */
  readonly disposed: () => boolean
  /** The run's output as captured, for whoever waits for it. */
  readonly captured: (id: number, output: { readonly stdout: string; readonly stderr: string }) => void
}

/** A recorded run, from its slot to its end: logs opened, env made usable, process run, outcome recorded. */
export interface RunPlan {
  readonly record: ExecutionRecord
  readonly action: ActionDefinition
  readonly runtime: RuntimeRecord
  readonly resolution: RunResolution
  readonly values: Record<string, unknown>
  readonly options: RunOptions
}

/**
 * Run a recorded execution as the worker's executor would (spec §5, seed §1–3): the env made usable,
 * the entry point checked again, the process launched, the outcome classified (spec §5.12) and recorded.
 */
export async function executeRun(context: RunContext, plan: RunPlan, signal: AbortSignal): Promise<void> {
  const { deps, ledger } = context
  const { record, action, runtime, resolution, values, options } = plan
  if (context.disposed()) return
  const logs = executionLogPaths(deps.executionsDir, record.id)
  mkdirSync(logs.dir, { recursive: true, mode: 0o700 })
  // There from the start for whoever reads the folder, however the run ends; the capture appends to them.
  writeFileSync(logs.stdout, '', { mode: 0o600 })
  writeFileSync(logs.stderr, '', { mode: 0o600 })
  if (signal.aborted) {
    ledger.end(record.id, { ...failedEnd(cancelMessage(signal) ?? 'Execution cancelled by user'), status: 'cancelled' })
    return
  }
  const pack = deps.packs.findByRef(packOf(action))
  if (!pack) throw new WorkbenchError('bad-input', `pack '${packOf(action)}' of action '${action.ref}' is no longer registered`)
  const warnings = [...record.warnings]
  const selected = resolution.selected
  const spec = envSpecFor(pack, runtime, selected, deps.runtimeEnvsDir, deps.locate)
  const baseSpec = selected === null ? spec : envSpecFor(pack, runtime, null, deps.runtimeEnvsDir, deps.locate)
  // Its env folder would be another runtime's: running there would use that runtime's env.
  const clash = envNeededSync(spec) || envNeededSync(baseSpec) ? deps.envs.clashOf(pack.ref, runtime.ref) : null
  if (clash !== null) {
    ledger.end(record.id, failedEnd(`the ${spec.runtimeName} environment is not built: ${clash}`))
    return
  }
  const env = await deps.envs.ensureForRun(spec).catch((error: unknown) => {
    warnings.push(`environment setup failed: ${error instanceof Error ? error.message : String(error)}`)
    return null
  })
  if (context.disposed()) return
  const difference = runDifferences({
    options: record.options,
    selected: selected === null ? null : { interpreter: selected.interpreter, source: selected.source, binary: selected.executionConfig.interpreter?.binary ?? '' },
    envRebuiltFrom: env?.action === 'built' ? env.before : undefined
  })
  if (difference !== null) warnings.push(difference)
  const envIncomplete = env !== null && env.status !== 'ready'
  if (envIncomplete) warnings.push(envWarning(env))
  const envDir = envNeededSync(spec) ? spec.envDir : null
  const baseEnvDir = envNeededSync(baseSpec) ? baseSpec.envDir : null
  deps.executions.markRunning(record.id, {
    interpreter: env?.interpreter ?? spec.config.interpreter?.binary ?? null,
    envDir,
    depsHash: env?.depsHash ?? null,
    warnings,
    fallback: record.fallback,
    envIncomplete
  })
  ledger.announce(record, 'running', false)
  // Checked again just before the spawn: the pack may have changed during env setup.
  const entryProblem = entryPointProblemSync(action, pack.dir, runtime.ref)
  if (entryProblem !== null) {
    ledger.end(record.id, failedEnd(entryProblem))
    return
  }
  const result = await deps.launch({
    executionId: record.id,
    action,
    pack: { ref: pack.ref, dir: pack.dir },
    runtimeName: spec.runtimeName,
    config: spec.config,
    baseConfig: baseSpec.config,
    // process.rs `ProcessRuntime::execute`: a selected version gets `{pack}/{runtime}-{version}` whether or
    // not its config has an `environment`, and a fallback to the base config stays in that dir.
    envDir: selected !== null ? spec.envDir : envDir,
    baseEnvDir: baseEnvDir ?? envDirFor(deps.runtimeEnvsDir, pack.ref, spec.runtimeName, null),
    isOverride: selected !== null,
    parameters: values,
    ...(options.env && { executionEnv: options.env }),
    ...(options.context && { context: options.context }),
    ...(options.apiUrl && { apiUrl: options.apiUrl }),
    ...(options.apiToken && { apiToken: true }),
    timeoutSeconds: timeoutFor(options, action),
    runtimeEnvsDir: deps.runtimeEnvsDir,
    artifactsDir: logs.dir,
    logs,
    signal,
    onOutput: (stream, text) => deps.events.emit('log.chunk', { id: record.id, stream, text }),
    ensureEnv: async (which) => {
      if (which === 'version') await deps.envs.ensureForRun(spec)
      else await deps.envs.ensureForRun(selected !== null ? { ...baseSpec, envDir: spec.envDir } : baseSpec, { relocated: selected !== null })
    }
  })
  if (context.disposed()) return
  const status = classify(result, signal)
  ledger.finish(record.id, {
    status,
    exitCode: result.exitCode,
    result: result.result ?? null,
    stdoutParsed: result.stdoutParsed,
    stdoutTruncated: result.stdoutTruncated,
    stderrTruncated: result.stderrTruncated,
    error: status === 'cancelled' ? (cancelMessage(signal) ?? result.error) : result.error,
    durationMs: result.durationMs,
    interpreter: result.interpreter,
    // A selected version whose interpreter is gone runs the base config in the version's env dir (process.rs).
    envDir: selected !== null && result.configUsed === 'base' ? (baseEnvDir === null ? null : spec.envDir) : envDir,
    fallback: result.fallback ?? record.fallback,
    warnings: [...warnings, ...result.warnings, ...notParsedWarning(action, status, result)]
  })
  if (result.output !== undefined) context.captured(record.id, result.output)
  ledger.announce(record, status, true)
}

/** Spec §5.12: cancelled, then timeout, then success, else failed. */
function classify(result: LaunchResult, signal: AbortSignal): ExecutionStatus {
  if (signal.aborted || result.cancelled || (result.error ?? '').includes('cancelled')) return 'cancelled'
  if (result.timedOut) return 'timeout'
  if (result.exitCode === 0 && result.error === null) return 'completed'
  return 'failed'
}
