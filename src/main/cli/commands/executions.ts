import { formatDuration, formatTime } from '../../../shared/text/units'
import type { ExecutionStatus, ExecutionView } from '../../../shared/domain/execution'
import { badInput } from '../../core/errors'
import type { CliSession } from '../cli-session'
import { optionValue, parseArgs } from '../args'
import { EXIT, printJson, table, type CliIo } from '../output'

const STATUSES: readonly ExecutionStatus[] = ['requested', 'running', 'completed', 'failed', 'timeout', 'cancelled', 'abandoned']

/** `executions list [--action A] [--status S] [--limit N]` / `executions show ID`. */
export async function executionsCommand({ api }: CliSession, argv: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const [verb, ...rest] = argv
  switch (verb) {
    case 'list': {
      const args = parseArgs(rest, { options: ['action', 'status', 'limit'] })
      const status = optionValue(args, 'status')
      if (status !== undefined && !STATUSES.includes(status as ExecutionStatus)) throw badInput(`--status '${status}' is not one of ${STATUSES.join(', ')}`)
      const limitText = optionValue(args, 'limit')
      const limit = limitText === undefined ? 50 : Number(limitText)
      if (!Number.isInteger(limit) || limit < 1 || limit > 10000) throw badInput(`--limit '${limitText}' must be a whole number from 1 to 10000`)
      const runs = await api['executions:list']({ action: optionValue(args, 'action'), status: status as ExecutionStatus | undefined, limit })
      if (json) printJson(io, { executions: runs })
      else io.stdout(runs.length ? renderList(runs) : 'No executions yet. Start one with: attune-workbench run PACK.ACTION\n')
      return EXIT.ok
    }
    case 'show': {
      const { positionals } = parseArgs(rest, {})
      const id = Number(positionals[0])
      if (positionals.length !== 1 || !Number.isInteger(id) || id < 1) throw badInput('usage: attune-workbench executions show ID')
      const run = await api['executions:get']({ id, output: true })
      if (json) printJson(io, run)
      else io.stdout(renderExecution(run))
      return EXIT.ok
    }
    default:
      throw badInput(`unknown executions command '${verb ?? ''}' (expected list or show)`)
  }
}

function renderList(runs: readonly ExecutionView[]): string {
  const rows = [['ID', 'ACTION', 'STATUS', 'VERSION', 'EXIT', 'DURATION', 'STARTED']]
  for (const run of runs) {
    rows.push([String(run.id), run.action, `${run.status}${run.envIncomplete ? ' (env incomplete)' : ''}`, run.selectedVersion ?? 'base', String(run.exitCode ?? '-'), run.durationMs === null ? '-' : formatDuration(run.durationMs), formatTime(run.startedAt ?? run.createdAt)])
  }
  return `${table(rows)}\n`
}

/** One run: what ran where, its fingerprint, its outcome. */
export function renderExecution(run: ExecutionView): string {
  const lines = [
    `Execution ${run.id}: ${run.action} — ${run.status}${run.exitCode === null ? '' : ` (exit ${run.exitCode})`}${run.durationMs === null ? '' : ` in ${run.durationMs} ms`}${run.envIncomplete ? ' — env incomplete' : ''}`,
    `  version:     ${run.selectedVersion ? `${run.runtime} ${run.selectedVersion}` : `${run.runtime ?? '-'} (base config)`}${run.resolution ? ` — ${run.resolution.decision}` : ''}`,
    `  interpreter: ${run.interpreter ?? '-'}`,
    `  env:         ${run.envDir ?? '-'}${run.depsHash ? ` (deps ${run.depsHash.slice(0, 12)})` : ''}`
  ]
  if (Object.keys(run.parameters).length) lines.push(`  parameters:  ${JSON.stringify(run.parameters)}`)
  if (run.options.env && Object.keys(run.options.env).length) lines.push(`  env vars:    ${assignments(run.options.env)}`)
  if (run.options.context && Object.keys(run.options.context).length) lines.push(`  context:     ${assignments(run.options.context)}`)
  if (run.options.apiUrl || run.options.apiToken) lines.push(`  attune api:  ${run.options.apiUrl ?? "the workbench's ATTUNE_API_URL"}${run.options.apiToken ? ' (with ATTUNE_API_TOKEN)' : ''}`)
  if (run.fallback) lines.push(`  fallback:    ${run.fallback}`)
  for (const warning of run.warnings.filter((w) => w !== run.fallback)) lines.push(`  warning:     ${warning}`)
  if (run.error) lines.push(`  error:       ${run.error}`)
  if (run.result !== null && run.result !== undefined) lines.push(`  result:      ${JSON.stringify(run.result, null, 2).split('\n').join('\n               ')}`)
  else if (run.stdout.trim()) lines.push(`  stdout:      ${run.stdout.trimEnd().split('\n').slice(-20).join('\n               ')}`)
  if (run.stdoutTruncated || run.stderrTruncated) lines.push(`  note:        output was truncated at 10 MiB (${[run.stdoutTruncated && 'stdout', run.stderrTruncated && 'stderr'].filter(Boolean).join(', ')})`)
  return `${lines.join('\n')}\n`
}

function assignments(values: Readonly<Record<string, string>>): string {
  return Object.entries(values)
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
    .join(' ')
}
