import type { ExecutionView, MatrixView } from '../../../shared/domain/execution'
import type { EventPayloads } from '../../../shared/ipc/contract'
import { badInput } from '../../core/errors'
import type { CliSession } from '../cli-session'
import { parseArgs } from '../args'
import { EXIT, printJson, table, type CliIo } from '../output'
import { PARAMETER_OPTIONS, PARAMETER_USAGE, readCliParameters } from '../parameter-sources'

/** `matrix PACK.ACTION [-p k=v]… [--params JSON|-] [--params-file FILE]`: one run per fitting version, side by side. */
export async function matrixCommand({ api }: CliSession, argv: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const args = parseArgs(argv, { options: [...PARAMETER_OPTIONS], short: { p: 'param' } })
  if (args.positionals.length !== 1) throw badInput(`usage: attune-workbench matrix PACK.ACTION ${PARAMETER_USAGE}`)
  const actionRef = args.positionals[0] as string
  await api['runtimes:ensureVerified']({})
  const parameters = await readCliParameters((await api['actions:get']({ ref: actionRef })).parameters, args, io)
  if (!json) io.stderr(`Matrix of ${actionRef}: one run per version that fits...\n`)
  // Each run's output streams to stderr as it comes, every line marked with its version.
  const stream = streamByVersion(io)
  const unsubscribe = api.on('log.chunk', stream.chunk)
  let started: MatrixView
  try {
    started = await api['matrix:start']({ action: actionRef, parameters })
  } catch (error) {
    unsubscribe()
    throw error
  }
  stream.known(started.runs)
  // Ctrl+C cancels the matrix's runs, whether they run in this process or in the engine of another.
  const cancel = (): void => {
    for (const run of started.runs) void api['executions:cancel']({ id: run.id }).catch(() => undefined)
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
    rows.push([entry.version, status, String(entry.run.exitCode ?? '-'), `${entry.run.durationMs ?? '-'} ms`, cell, entry.differs ? 'yes' : ''])
  }
  const { passed, failed, resultsDiffer } = matrix.summary
  const below = details.length ? `\n${details.join('\n')}\n` : ''
  return `${matrix.action} — matrix ${matrix.id}\n${table(rows)}\n${passed} passed, ${failed} failed${resultsDiffer ? '; results differ between versions' : '; results agree'}\n${below}`
}

/** A table cell: line breaks (and other control characters) become spaces, long text is clipped. */
export function oneLine(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a cell
  const flat = text.replace(/\s*[\u0000-\u001f\u007f]+\s*/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}
