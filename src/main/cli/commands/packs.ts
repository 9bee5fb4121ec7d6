import type { PackProblem, PackView } from '../../../shared/domain/pack'
import { formatProblem } from '../../core/catalog/problems'
import { badInput } from '../../core/errors'
import type { Workbench } from '../../core/workbench'
import { parseArgs } from '../args'
import { EXIT, printJson, table, type CliIo } from '../output'
import { anyBuildFailed, progressTo, renderEnvTree } from './envs'

/** `packs add DIR | list | reload REF | remove REF`. */
export async function packsCommand(workbench: Workbench, argv: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const [verb, ...rest] = argv
  const positional = (usage: string): string => {
    const { positionals } = parseArgs(rest, {})
    if (positionals.length !== 1) throw badInput(`usage: attune-workbench packs ${usage}`)
    return positionals[0] as string
  }
  switch (verb) {
    case 'add':
    case 'reload': {
      const target = positional(verb === 'add' ? 'add DIR' : 'reload REF')
      if (!json) io.stderr(verb === 'add' ? `Registering ${target}...\n` : `Reloading ${target}...\n`)
      const unsubscribe = progressTo(workbench, io)
      try {
        const registration = verb === 'add' ? await workbench.lifecycle.register(target) : await workbench.lifecycle.reload(target)
        if (!json && registration.notice) io.stderr(`${registration.notice}\n`)
        if (json) printJson(io, registration)
        else io.stdout(`${renderPack(registration.pack)}\n${renderEnvTree(registration.envs, `${registration.pack.ref} needs no environments: its runtimes define none (shell and native run directly).`)}`)
        return anyBuildFailed(registration.envs) ? EXIT.environment : EXIT.ok
      } finally {
        unsubscribe()
      }
    }
    case 'list': {
      if (parseArgs(rest, {}).positionals.length > 0) throw badInput('usage: attune-workbench packs list')
      const packs = workbench.packs.list()
      if (json) printJson(io, { packs })
      else io.stdout(packs.length ? packs.map(renderPack).join('\n') : 'No packs registered. Add one with: attune-workbench packs add DIR\n')
      return EXIT.ok
    }
    case 'remove': {
      const ref = positional('remove REF')
      workbench.lifecycle.remove(ref)
      if (json) printJson(io, { removed: ref })
      else io.stdout(`Removed pack ${ref} and its environments (the pack folder itself is untouched).\n`)
      return EXIT.ok
    }
    default:
      throw badInput(`unknown packs command '${verb ?? ''}' (expected add, list, reload or remove)`)
  }
}

/** A pack with its actions and its problems by file and field. */
export function renderPack(pack: PackView): string {
  const head = `${pack.ref}${pack.version ? ` ${pack.version}` : ''} — ${pack.dir}`
  const rows = [['ACTION', 'RUNNER', 'RUNTIME', 'CONSTRAINT']]
  for (const action of pack.actions) rows.push([action.ref, action.runnerType, action.runtimeRef ?? '(none)', action.runtimeVersion ?? '-'])
  const actions = pack.actions.length ? table(rows).split('\n').map((line) => `  ${line}`).join('\n') : '  no actions'
  return `${head}\n${actions}\n${renderProblems(pack.problems)}`
}

function renderProblems(problems: readonly PackProblem[]): string {
  if (problems.length === 0) return ''
  return `  ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `    ${p.severity}: ${formatProblem(p)}`).join('\n')}\n`
}
