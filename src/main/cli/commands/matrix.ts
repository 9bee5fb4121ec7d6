import type { MatrixView } from '../../../shared/domain/execution'
import { badInput } from '../../core/errors'
import type { Workbench } from '../../core/workbench'
import { optionValue, parseArgs } from '../args'
import { EXIT, printJson, table, type CliIo } from '../output'
import { readParameters } from './run'

const USAGE = 'usage: attune-workbench matrix PACK.ACTION [-p key=value]... [--params JSON] [--versions 3.12,3.13] [--repeat N]'

/** `matrix PACK.ACTION [-p k=v]… [--params JSON] [--versions LIST] [--repeat N]`: one run per fitting version, compared. */
export async function matrixCommand(workbench: Workbench, argv: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const args = parseArgs(argv, { options: ['param', 'params', 'versions', 'repeat'], short: { p: 'param' } })
  if (args.positionals.length !== 1) throw badInput(USAGE)
  const versionList = optionValue(args, 'versions')
  const versions = versionList === undefined ? undefined : versionList.split(',').map((v) => v.trim()).filter((v) => v !== '')
  const repeatText = optionValue(args, 'repeat')
  const repeat = repeatText === undefined ? undefined : Number(repeatText)
  if (repeat !== undefined && (!Number.isInteger(repeat) || repeat < 1 || repeat > 20)) throw badInput(`--repeat must be a whole number from 1 to 20, found '${repeatText}'`)
  const actionRef = args.positionals[0] as string
  await workbench.runtimes.ensureVerified()
  const parameters = readParameters(workbench, actionRef, args)
  if (!json) io.stderr(`Matrix of ${actionRef}: one run per version that fits...\n`)
  const matrix = await workbench.matrix.run(actionRef, parameters, { versions, repeat })
  if (json) printJson(io, { action: matrix.action, id: matrix.id, runs: matrix.runs, entries: matrix.entries, summary: matrix.summary })
  else io.stdout(renderMatrix(matrix))
  return matrix.summary.failed === 0 ? EXIT.ok : EXIT.failed
}

export function renderMatrix(matrix: MatrixView): string {
  const rows = [['VERSION', 'STATUS', 'EXIT', 'DURATION', 'RESULT', 'DIFFERS']]
  for (const entry of matrix.entries) {
    if (entry.run === null) {
      rows.push([entry.version, 'skipped', '-', '-', entry.skipped ?? '', ''])
      continue
    }
    const result = entry.run.result !== null ? JSON.stringify(entry.run.result) : entry.run.error ?? entry.run.stdout.trim().split('\n').pop() ?? ''
    const versus = entry.diff === null ? (entry.version === matrix.summary.baseline ? 'baseline' : '') : entry.diff.same ? 'same' : `differs from ${entry.diff.baseline}`
    rows.push([entry.version, entry.run.status, String(entry.run.exitCode ?? '-'), `${entry.run.durationMs ?? '-'} ms`, clip(result, 60), versus])
  }
  const { passed, failed, resultsDiffer } = matrix.summary
  const details = matrix.entries.flatMap((entry) => (entry.differs && entry.diff ? [`${entry.version} (run ${entry.run?.id ?? '-'}) vs ${entry.diff.baseline}:`, ...describeDiff(entry.diff)] : []))
  const verdict = resultsDiffer ? '; results differ between versions' : '; results agree'
  return `${matrix.action} — matrix ${matrix.id}\n${table(rows)}\n${passed} passed, ${failed} failed${verdict}\n${details.map((line) => `${line}\n`).join('')}`
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

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
