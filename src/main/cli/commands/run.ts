import type { ExecutionView, RunOptions } from '../../../shared/domain/execution'
import { badInput } from '../../core/errors'
import { coerceCliParameters } from '../../core/execution/parameter-cli'
import type { Workbench } from '../../core/workbench'
import { optionValue, parseArgs, type ParsedArgs } from '../args'
import { EXIT, printJson, type CliIo } from '../output'
import { renderExecution } from './executions'

const RUN_SPEC = { options: ['param', 'params', 'version', 'timeout'], flags: ['strict', 'force'], short: { p: 'param' } } as const

/** `run PACK.ACTION [-p k=v]… [--params JSON] [--version V] [--strict] [--force] [--timeout S]`. */
export async function runCommand(workbench: Workbench, argv: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const args = parseArgs(argv, RUN_SPEC)
  const actionRef = single(args, 'run PACK.ACTION [-p key=value]... [--params JSON] [--version V] [--strict] [--force] [--timeout S]')
  await workbench.runtimes.ensureVerified()
  const parameters = readParameters(workbench, actionRef, args)
  const options = readOptions(args)
  const started = workbench.executions.start(actionRef, parameters, options)
  if (!json) io.stderr(`Run ${started.id}: ${started.action} ${describeChoice(started)}\n`)
  // The action's output streams to stderr in both modes; with --json stdout holds only the document.
  const unsubscribe = workbench.events.on('log.chunk', (chunk) => chunk.id === started.id && io.stderr(chunk.text))
  const cancel = (): void => {
    workbench.executions.cancel(started.id, 'the CLI (Ctrl-C)')
  }
  process.once('SIGINT', cancel)
  try {
    const finished = await workbench.executions.wait(started.id)
    if (json) printJson(io, finished)
    else io.stdout(renderExecution(finished))
    return exitCodeOf(finished)
  } finally {
    process.removeListener('SIGINT', cancel)
    unsubscribe()
  }
}

/** Parameters: `--params JSON` first, then each `-p key=value` typed by the action's schema. */
export function readParameters(workbench: Workbench, actionRef: string, args: ParsedArgs): Record<string, unknown> {
  const action = workbench.executions.findAction(actionRef)
  let base: Record<string, unknown> = {}
  const text = optionValue(args, 'params')
  if (text !== undefined) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (error) {
      throw badInput(`--params is not valid JSON: ${withoutInputText((error as Error).message)}`)
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badInput('--params must be a JSON object, e.g. {"name": "Ada"}')
    base = parsed as Record<string, unknown>
  }
  return { ...base, ...coerceCliParameters(action.parameters, args.options.get('param') ?? []) }
}

/**
 * A JSON.parse message without the piece of input V8 quotes (`Unexpected token 's', ..."{"token": s3cr"...
 * is not valid JSON`): the parameters may hold secrets, and error output lands in terminals and CI logs.
 */
function withoutInputText(message: string): string {
  return message.replace(/,\s*(?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '').replace(/^"[\s\S]*" is not valid JSON$/, 'not valid JSON')
}

function readOptions(args: ParsedArgs): RunOptions {
  const timeoutText = optionValue(args, 'timeout')
  const timeout = timeoutText === undefined ? null : Number(timeoutText)
  if (timeout !== null && (!Number.isInteger(timeout) || timeout <= 0)) throw badInput(`--timeout '${timeoutText}' must be a whole number of seconds above 0`)
  return { version: optionValue(args, 'version') ?? null, strict: args.flags.has('strict'), force: args.flags.has('force'), timeoutSeconds: timeout }
}

function single(args: ParsedArgs, usage: string): string {
  if (args.positionals.length !== 1) throw badInput(`usage: attune-workbench ${usage}`)
  return args.positionals[0] as string
}

function describeChoice(run: ExecutionView): string {
  if (run.status === 'failed') return `failed before it started: ${run.error ?? ''}`
  if (run.selectedVersion) return `on ${run.runtime} ${run.selectedVersion} (${run.resolution?.decision ?? ''})`
  return `on the base ${run.runtime} config${run.fallback ? ` — warning: ${run.fallback}` : ''}`
}

/** 0 completed; 3 when strict mode found no version; 1 for any other unsuccessful end. */
export function exitCodeOf(run: ExecutionView): number {
  if (run.status === 'completed') return EXIT.ok
  if (run.status === 'failed' && (run.error ?? '').startsWith('strict mode')) return EXIT.environment
  return EXIT.failed
}
