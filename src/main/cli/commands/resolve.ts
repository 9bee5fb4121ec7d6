import type { Resolution } from '../../../shared/domain/runtime'
import { badInput } from '../../core/errors'
import type { CliSession } from '../cli-session'
import { optionValue, parseArgs } from '../args'
import { EXIT, printJson, type CliIo } from '../output'

/**
 * `resolve R [--constraint C] [--candidates LIST]`: explain a selection. An invalid constraint is
 * reported as `valid: false` with the grammar's message and exit 2.
 */
export async function resolveCommand({ api }: CliSession, argv: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const args = parseArgs(argv, { options: ['constraint', 'candidates'] })
  const [runtime, extra] = args.positionals
  if (runtime === undefined || extra !== undefined) {
    throw badInput('usage: attune-workbench resolve RUNTIME [--constraint C] [--candidates LIST]')
  }
  const resolution = await api['runtimes:resolve']({
    runtime,
    constraint: optionValue(args, 'constraint') ?? null,
    candidates: optionValue(args, 'candidates')
  })
  if (json) printJson(io, resolution)
  else io.stdout(renderResolution(resolution))
  if (!resolution.valid) {
    if (!json) io.stderr(`error: invalid constraint '${resolution.constraint ?? ''}': ${resolution.error ?? ''}\n`)
    return EXIT.badInput
  }
  return EXIT.ok
}

export function renderResolution(resolution: Resolution): string {
  const constraint = resolution.constraint === null ? 'no constraint' : `constraint '${resolution.constraint}'${resolution.normalized ? ` (normalized ${resolution.normalized})` : ''}`
  const outcome = resolution.selected ?? `nothing — falls back to the base ${resolution.runtime} config`
  const lines = [`${resolution.runtime}, ${constraint}: ${outcome}`, `  ${resolution.decision}`]
  for (const candidate of resolution.candidates) {
    const mark = candidate.selected ? '→' : candidate.matches === false || !candidate.available || !candidate.enabled ? '✗' : ' '
    lines.push(`  ${mark} ${candidate.version.padEnd(10)} ${candidate.reason}`)
  }
  return `${lines.join('\n')}\n`
}
