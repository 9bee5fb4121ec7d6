import type { ExecutionView, RunOptions } from '../../../shared/domain/execution'
import { badInput } from '../../core/errors'
import type { ActionDefinition } from '../../../shared/domain/pack'
import type { EventPayloads } from '../../../shared/ipc/contract'
import type { CliSession } from '../cli-session'
import { optionValue, parseArgs, type ParsedArgs } from '../args'
import { EXIT, printJson, type CliIo } from '../output'
import { PARAMETER_OPTIONS, PARAMETER_USAGE, readCliParameters } from '../parameter-sources'
import { renderExecution } from './executions'

const RUN_SPEC = {
  options: [...PARAMETER_OPTIONS, 'version', 'timeout', 'env', 'context', 'api-url'],
  flags: ['strict', 'force', 'api-token'],
  short: { p: 'param' }
} as const

/**
 * `run PACK.ACTION [-p k=v]… [--params JSON|-] [--params-file FILE] [--version V] [--strict] [--force] [--timeout S]
 * [--env K=V]… [--context K=V]… [--api-url URL] [--api-token]`. The run goes through the contract (start, then
 * wait); its output streams from `log.chunk` events, and Ctrl+C cancels it, whether the engine runs in this
 * process or another.
 */
export async function runCommand({ api }: CliSession, argv: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const args = parseArgs(argv, RUN_SPEC)
  const actionRef = single(args, `run PACK.ACTION ${PARAMETER_USAGE} [--version V] [--strict] [--force] [--timeout S] [--env K=V]... [--context K=V]... [--api-url URL] [--api-token]`)
  await api['runtimes:ensureVerified']({})
  const action: ActionDefinition = await api['actions:get']({ ref: actionRef })
  const parameters = await readCliParameters(action.parameters, args, io)
  const options = readOptions(args)
  // The action's output streams to stderr in both modes; with --json stdout holds only the document.
  // Chunks may arrive before `start` answers (over the socket): they wait until the run's id is known.
  let runId: number | null = null
  const early: EventPayloads['log.chunk'][] = []
  const unsubscribe = api.on('log.chunk', (chunk) => {
    if (runId === null) early.push(chunk)
    else if (chunk.id === runId) io.stderr(chunk.text)
  })
  let interrupted = false
  const cancel = (): void => {
    interrupted = true
    if (runId !== null) void api['executions:cancel']({ id: runId, by: 'cli' }).catch(() => undefined)
  }
  process.once('SIGINT', cancel)
  try {
    const started = await api['executions:start']({ action: actionRef, parameters, options })
    if (!json) io.stderr(`Run ${started.id}: ${started.action} ${describeChoice(started)}\n`)
    runId = started.id
    if (interrupted) cancel()
    for (const chunk of early.splice(0)) if (chunk.id === runId) io.stderr(chunk.text)
    const finished = await api['executions:wait']({ id: started.id })
    if (json) printJson(io, finished)
    else io.stdout(renderExecution(finished))
    return exitCodeOf(finished)
  } finally {
    process.removeListener('SIGINT', cancel)
    unsubscribe()
  }
}

function readOptions(args: ParsedArgs): RunOptions {
  const timeoutText = optionValue(args, 'timeout')
  const timeout = timeoutText === undefined ? null : Number(timeoutText)
  if (timeout !== null && (!Number.isInteger(timeout) || timeout <= 0)) throw badInput(`--timeout '${timeoutText}' must be a whole number of seconds above 0`)
  const env = readAssignments(args, 'env')
  const context = readAssignments(args, 'context')
  const apiUrl = optionValue(args, 'api-url')
  return {
    version: optionValue(args, 'version') ?? null,
    strict: args.flags.has('strict'),
    force: args.flags.has('force'),
    timeoutSeconds: timeout,
    ...(env && { env }),
    ...(context && { context }),
    ...(apiUrl !== undefined && { apiUrl: checkApiUrl(apiUrl) }),
    ...(args.flags.has('api-token') && { apiToken: true })
  }
}

/** `--api-url`: the author's Attune server, an http(s) URL. */
function checkApiUrl(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw badInput(`--api-url '${text}' is not a URL (e.g. --api-url http://localhost:8080)`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw badInput(`--api-url '${text}' must be an http:// or https:// URL`)
  return text
}

/** Repeated `--env NAME=VALUE` (or `--context`): split at the first `=`; the value is never echoed in errors. */
export function readAssignments(args: ParsedArgs, option: 'env' | 'context'): Record<string, string> | undefined {
  const given = args.options.get(option) ?? []
  if (given.length === 0) return undefined
  const assignments: Record<string, string> = {}
  for (const text of given) {
    const eq = text.indexOf('=')
    const name = eq === -1 ? '' : text.slice(0, eq)
    if (name === '' || name.includes('\0')) throw badInput(`--${option} takes NAME=VALUE (e.g. --${option} REGION=eu-west-1); one value has ${eq === -1 ? "no '='" : 'no name before its ='}`)
    assignments[name] = text.slice(eq + 1)
  }
  return assignments
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
