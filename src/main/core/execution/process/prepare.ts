import { templateVars } from '../../envs/env-template'
import { buildChildEnv } from '../command/child-env'
import { writeInlineFile } from '../command/inline-file'
import { commandLine, commandSummary, inlinePlan, type ActionSource, type CommandLine } from '../command/plan'
import { prepareDelivery } from '../parameters/delivery'
import { formatParameters } from '../parameters/format'
import type { ResolvedInterpreter } from './interpreter'
import type { ProcessRequest } from './types'
import { wrapWithShellHelpers } from '../command/shell-helpers'

/** Everything decided before the spawn. */
export interface PreparedRun {
  readonly command: CommandLine
  readonly env: Record<string, string>
  /** `executable=…, argument_count=…, environment_override_count=…`. */
  readonly summary: string
  /** The stdin document (with its newline), or null when stdin gets EOF at once. */
  readonly stdinText: string | null
  readonly warnings: readonly string[]
}

/**
 * Write what the run needs to disk and decide its command and environment (spec §5.4–5.6): the
 * parameter file (file delivery), the inline script (temp_file, wrapped with shell helpers when enabled),
 * the argv and the child environment. Each file written registers its removal in `cleanups`, which the
 * caller runs however the run ends. `scratch` gives the run's private folder (see `openRunScratch`), made only when a file is written. Throws only for I/O failures (an unwritable temp dir).
 */
export async function prepareRun(
  request: ProcessRequest,
  resolved: ResolvedInterpreter,
  source: ActionSource,
  scratch: () => Promise<string>,
  cleanups: (() => Promise<void>)[]
): Promise<PreparedRun> {
  const plan = inlinePlan(resolved.config)
  const helpersInjected = source.kind === 'inline' && plan.injectShellHelpers
  const document = formatParameters(request.parameters, request.parameterFormat)
  const delivery = await prepareDelivery(request.parameterDelivery, document, { scratch, helpersInjected })
  cleanups.push(delivery.cleanup)
  let script: { readonly path: string } | { readonly inlineCode: string }
  if (source.kind === 'file') script = { path: source.path }
  else if (plan.strategy === 'temp_file') {
    const content = helpersInjected ? wrapWithShellHelpers(request.parameters, source.code) : source.code
    const file = await writeInlineFile(await scratch(), request.executionId, plan.extension, content)
    cleanups.push(file.remove)
    script = { path: file.path }
  } else script = { inlineCode: source.code }
  const command = commandLine(resolved.interpreter, resolved.config.interpreter?.args ?? [], script)
  const childEnv = buildChildEnv({
    baseline: request.baselineEnv,
    context: request.contextEnv,
    runtimeEnvVars: resolved.config.env_vars ?? {},
    templateVars: templateVars({
      config: resolved.config,
      packDir: request.packDir,
      envDir: resolved.envDir,
      envInterpreterExists: resolved.envInterpreterExists,
      envDirOnlyWithEnvironment: true
    }),
    delivery: { mode: request.parameterDelivery, format: request.parameterFormat, file: delivery.file },
    execution: request.executionEnv ?? {}
  })
  return {
    command,
    env: childEnv.env,
    summary: commandSummary(command, childEnv.overrideCount),
    stdinText: delivery.stdinText,
    warnings: childEnv.warnings
  }
}
