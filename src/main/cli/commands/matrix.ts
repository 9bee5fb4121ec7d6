import type { ExecutionView, MatrixView } from '../../../shared/domain/execution'
import type { EventPayloads } from '../../../shared/ipc/contract'
import { badInput } from '../../core/errors'
import type { CliSession } from '../cli-session'
import { optionValue, parseArgs } from '../args'
import { EXIT, printJson, table, type CliIo } from '../output'
import { PARAMETER_OPTIONS, PARAMETER_USAGE, readCliParameters } from '../parameter-sources'

const USAGE = `usage: attune-workbench matrix PACK.ACTION ${PARAMETER_USAGE} [--versions 3.12,3.13] [--repeat N]`

/**
 * `matrix PACK.ACTION [-p k=v]… [--params JSON|-] [--params-file FILE] [--versions LIST] [--repeat N]`: one run
 * per fitting version (or those chosen), compared with a baseline.
 */
export async function matrixCommand({ api }: CliSession, argv: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const args = parseArgs(argv, { options: [...PARAMETER_OPTIONS, 'versions', 'repeat'], short: { p: 'param' } })
  if (args.positionals.length !== 1) throw badInput(USAGE)
  const versionList = optionValue(args, 'versions')
  const versions = versionList === undefined ? undefined : versionList.split(',').map((v) => v.trim()).filter((v) => v !== '')
  const repeatText = optionValue(args, 'repeat')
  const repeat = repeatText === undefined ? undefined : Number(repeatText)
  if (repeat !== undefined && (!Number.isInteger(repeat) || repeat < 1 || repeat > 20)) throw badInput(`--repeat must be a whole number from 1 to 20, found '${repeatText}'`)
  const actionRef = args.positionals[0] as string
  await api['runtimes:ensureVerified']({})
  const parameters = await readCliParameters((await api['actions:get']({ ref: actionRef })).parameters, args, io)
  if (!json) io.stderr(`Matrix of ${actionRef}: one run per version that fits...\n`)
  // Each run's output streams to stderr as it comes, every line marked with its version.
  const stream = streamByVersion(io)
  const unsubscribe = api.on('log.chunk', stream.chunk)
  let started: MatrixView
  try {
    started = await api['matrix:start']({ action: actionRef, parameters, ...(versions && { versions }), ...(repeat !== undefined && { repeat }) })
  } catch (error) {
    unsubscribe()
    throw error
  }
  stream.known(started.runs)
  // Ctrl+C cancels the matrix's runs, whether they run in this process or in the engine of another.
  const cancel = (): void => {
    for (const run of started.runs) void api['executions:cancel']({ id: run.id, by: 'cli' }).catch(() => undefined)
  }
  process.once('SIGINT', cancel)
  let matrix: MatrixView
  try {
    matrix = await api['matrix:wait']({ id: started.id })
  } finally {
    process.removeListener('SIGINT', cancel)
    unsubscribe()
  }
  if (json) printJson(io, { action: matrix.action, id: matrix.id, runs: matrix.runs, entries: matrix.entries, summary: matrix.summary })
  else io.stdout(renderMatrix(matrix))
  return matrix.summary.failed === 0 ? EXIT.ok : EXIT.failed
}

/**
 * Output chunks of a matrix's runs as `[version] line` on stderr. Chunks that arrive before the runs
 * are known (over the socket, events may beat the answer to `matrix:start`) wait for them.
 */
function streamByVersion(io: CliIo): { chunk(chunk: EventPayloads['log.chunk']): void; known(runs: readonly ExecutionView[]): void } {
  let versions: Map<number, string> | null = null
  const early: EventPayloads['log.chunk'][] = []
  const atLineStart = new Map<number, boolean>()
  const write = (chunk: EventPayloads['log.chunk']): void => {
    const version = versions?.get(chunk.id)
    if (version === undefined) return
    let text = ''
    let start = atLineStart.get(chunk.id) ?? true
    for (const piece of chunk.text.split(/(?<=\n)/)) {
      text += start ? `[${version}] ${piece}` : piece
      start = piece.endsWith('\n')
    }
    atLineStart.set(chunk.id, start)
    io.stderr(text)
  }
  return {
    chunk: (chunk) => (versions === null ? void early.push(chunk) : write(chunk)),
    known: (runs) => {
      versions = new Map(runs.map((run) => [run.id, run.selectedVersion ?? '(base)']))
      for (const chunk of early.splice(0)) write(chunk)
    }
  }
}

/** One line per version; an error that spans lines (or is clipped) is printed in full below the table. */
export function renderMatrix(matrix: MatrixView): string {
  const rows = [['VERSION', 'STATUS', 'EXIT', 'DURATION', 'RESULT', 'DIFFERS']]
  const details: string[] = []
  for (const entry of matrix.entries) {
    if (entry.run === null) {
      rows.push([entry.version, 'skipped', '-', '-', oneLine(entry.skipped ?? '', 60), ''])
      continue
    }
    const result = entry.run.result !== null ? JSON.stringify(entry.run.result) : entry.run.error ?? entry.run.stdout.trim().split('\n').pop() ?? ''
    const cell = oneLine(result, 60)
    if (entry.run.error !== null && cell !== entry.run.error) details.push(`${entry.version} (run ${entry.run.id}) error:\n${entry.run.error.replace(/^/gm, '  ')}`)
    const status = `${entry.run.status}${entry.run.envIncomplete ? ' (env incomplete)' : ''}`
    const versus = entry.diff === null ? (entry.version === matrix.summary.baseline ? 'baseline' : '') : entry.diff.same ? 'same' : `differs from ${entry.diff.baseline}`
    rows.push([entry.version, status, String(entry.run.exitCode ?? '-'), `${entry.run.durationMs ?? '-'} ms`, cell, versus])
  }
  const { passed, failed, resultsDiffer } = matrix.summary
  details.push(...matrix.entries.flatMap((entry) => (entry.differs && entry.diff ? [`${entry.version} (run ${entry.run?.id ?? '-'}) vs ${entry.diff.baseline}:\n${describeDiff(entry.diff).join('\n')}`] : [])))
  const below = details.length ? `\n${details.join('\n')}\n` : ''
  const verdict = resultsDiffer ? '; results differ between versions' : '; results agree'
  return `${matrix.action} — matrix ${matrix.id}\n${table(rows)}\n${passed} passed, ${failed} failed${verdict}\n${below}`
}

/** The diff as indented lines: `~ path: before → after`, `+ path: value`, `- path: value`, output lines. */
function describeDiff(diff: NonNullable<MatrixView['entries'][number]['diff']>): string[] {
  const lines: string[] = []
  if (diff.status) lines.push(`  status: ${diff.status.before} → ${diff.status.after}`)
  if (diff.exitCode) lines.push(`  exit code: ${diff.exitCode.before ?? '-'} → ${diff.exitCode.after ?? '-'}`)
  for (const change of diff.fields ?? []) {
    if (change.kind === 'changed') lines.push(`  ~ ${change.path}: ${JSON.stringify(change.before)} → ${JSON.stringify(change.after)}`)
    else lines.push(`  ${change.kind === 'added' ? '+' : '-'} ${change.path}: ${JSON.stringify(change.kind === 'added' ? change.after : change.before)}`)
  }
  for (const [name, changes] of [['stdout', diff.stdout], ['stderr', diff.stderr]] as const) {
    if (changes) lines.push(`  ${name}:`, ...changes.filter((line) => line.op !== ' ').map((line) => `    ${line.op} ${line.text}`))
  }
  return lines
}

/** A table cell: line breaks (and other control characters) become spaces, long text is clipped. */
export function oneLine(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a cell
  const flat = text.replace(/\s*[\u0000-\u001f\u007f]+\s*/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}
