import type { MatrixView } from '../../../shared/domain/execution'
import { badInput } from '../../core/errors'
import type { Workbench } from '../../core/workbench'
import { parseArgs } from '../args'
import { EXIT, printJson, table, type CliIo } from '../output'
import { readParameters } from './run'

/** `matrix PACK.ACTION [-p k=v]… [--params JSON]`: one run per fitting version, side by side. */
export async function matrixCommand(workbench: Workbench, argv: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const args = parseArgs(argv, { options: ['param', 'params'], short: { p: 'param' } })
  if (args.positionals.length !== 1) throw badInput('usage: attune-workbench matrix PACK.ACTION [-p key=value]... [--params JSON]')
  const actionRef = args.positionals[0] as string
  await workbench.runtimes.ensureVerified()
  const parameters = readParameters(workbench, actionRef, args)
  if (!json) io.stderr(`Matrix of ${actionRef}: one run per version that fits...\n`)
  const matrix = await workbench.matrix.run(actionRef, parameters)
  if (json) printJson(io, { action: matrix.action, id: matrix.id, runs: matrix.runs, entries: matrix.entries, summary: matrix.summary })
  else io.stdout(renderMatrix(matrix))
  return matrix.summary.failed === 0 ? EXIT.ok : EXIT.failed
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
