import type { RuntimeVersionView, RuntimeView } from '../../../shared/domain/runtime'
import { formatProblem, type LoadProblem } from '../../core/catalog/problems'
import { badInput, WorkbenchError } from '../../core/errors'
import type { ImpactEntry } from '../../../shared/ipc/contract'
import { confirm } from '../confirm'
import type { CliSession } from '../cli-session'
import { optionValue, parseArgs } from '../args'
import { EXIT, printJson, table, type CliIo } from '../output'

/** `runtimes list|verify|enable|disable`. */
export async function runtimesCommand({ api }: CliSession, argv: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const [verb, ...rest] = argv
  switch (verb) {
    case 'list': {
      parseArgs(rest, {})
      await api['runtimes:ensureVerified']({})
      const runtimes = await api['runtimes:list']({})
      const problems = await api['runtimes:problems']({})
      if (json) printJson(io, { runtimes, problems })
      else io.stdout(renderRuntimes(runtimes))
      reportProblems(problems, io)
      return EXIT.ok
    }
    case 'verify': {
      const args = parseArgs(rest, { options: ['runtime'] })
      const only = optionValue(args, 'runtime')
      // An unknown runtime is a usage error, reported before any progress line: resolving looks the
      // runtime up as verify does (its verification of never-verified versions is verify's work anyway).
      if (only !== undefined) await api['runtimes:resolve']({ runtime: only })
      if (!json) io.stderr('Verifying runtime versions...\n')
      const { summary, runtimes } = await api['runtimes:verify']({ runtime: only })
      const problems = await api['runtimes:problems']({})
      if (json) printJson(io, { summary, runtimes, problems })
      else io.stdout(`${renderRuntimes(runtimes)}\n${summary.checked} versions checked: ${summary.available} available, ${summary.unavailable} unavailable${summary.skipped ? `, ${summary.skipped} skipped by ATTUNE_WORKER_RUNTIMES` : ''}.\n`)
      reportProblems(problems, io)
      return EXIT.ok
    }
    case 'enable':
    case 'disable': {
      const args = parseArgs(rest, { flags: verb === 'disable' ? ['yes'] : [] })
      const [runtime, version, extra] = args.positionals
      if (runtime === undefined || version === undefined || extra !== undefined) {
        throw badInput(`usage: attune-workbench runtimes ${verb} RUNTIME VERSION (e.g. runtimes ${verb} python 3.13)`)
      }
      const impact = verb === 'disable' ? await api['runtimes:impact']({ runtime, version, enabled: false }) : []
      if (impact.length > 0) {
        io.stderr(renderImpact(runtime, version, impact))
        // Someone at a terminal sees what moves and decides; scripts (no terminal) and --yes go ahead.
        if (io.stdin?.isTTY === true && !args.flags.has('yes') && !(await confirm(io.stdin, io.stderr, `Disable ${runtime} ${version}?`))) {
          throw new WorkbenchError('failed', `${runtime} ${version} left enabled (answer yes, or pass --yes, to disable it)`)
        }
      }
      const updated = await api['runtimes:setEnabled']({ runtime, version, enabled: verb === 'enable' })
      const view = updated.versions.find((row) => row.version === version) as RuntimeVersionView
      if (json) printJson(io, verb === 'disable' ? { ...view, impact } : view)
      else io.stdout(`${view.name} ${view.version} ${view.enabled ? 'enabled' : 'disabled'}${view.enabled && !view.available ? ' (but unavailable: ' + (view.reason ?? 'not verified') + ')' : ''}.\n`)
      return EXIT.ok
    }
    default:
      throw badInput(`unknown runtimes command '${verb ?? ''}' (expected list, verify, enable or disable)`)
  }
}

/** "Actions that move when python 3.12 is disabled:" and one line per action, before → after. */
export function renderImpact(runtime: string, version: string, impact: readonly ImpactEntry[]): string {
  const rows = impact.map((entry) => [
    `  ${entry.action}`,
    entry.constraint ?? 'any',
    `${entry.before ?? 'base config'} → ${entry.loses ? 'base config (no version left)' : (entry.after ?? 'base config')}`
  ])
  return `Actions that move when ${runtime} ${version} is disabled:\n${table(rows)}\n`
}

function reportProblems(problems: readonly LoadProblem[], io: CliIo): void {
  for (const problem of problems) io.stderr(`${problem.severity}: ${formatProblem(problem)}\n`)
}

/** The human listing: one block per runtime, one row per version, reasons under unavailable ones. */
export function renderRuntimes(runtimes: readonly RuntimeView[]): string {
  const blocks = runtimes.map((runtime) => {
    const status = runtime.available ? 'available' : `unavailable${runtime.reason ? ` (${runtime.reason})` : ''}`
    const head = `${runtime.name} (${runtime.ref}) — ${status}`
    if (runtime.versions.length === 0) return `${head}\n  no versions: actions run on the runtime's own config\n`
    const rows = [['VERSION', 'STATUS', 'ENABLED', 'INTERPRETER', 'SOURCE']]
    const notes: string[] = []
    for (const version of runtime.versions) {
      rows.push([
        `${version.version}${version.isDefault ? ' (default)' : ''}`,
        statusOf(version),
        version.enabled ? 'yes' : 'no',
        version.interpreter ?? '-',
        version.source ?? '-'
      ])
      if (version.reason) notes.push(`  ${version.version}: ${version.reason}`)
    }
    const body = table(rows).split('\n').map((line) => `  ${line}`).join('\n')
    return `${head}\n${body}\n${notes.length ? `${notes.join('\n')}\n` : ''}`
  })
  return blocks.join('\n')
}

function statusOf(version: RuntimeVersionView): string {
  if (version.verifiedAt === null) return 'not verified'
  return version.available ? 'available' : 'unavailable'
}
