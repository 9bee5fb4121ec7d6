import { resolve } from 'node:path'
import { expandHome } from '../../core/packs/pack-service'
import type { ActionDefinition, PackComponent, PackProblem, PackView } from '../../../shared/domain/pack'
import { formatProblem } from '../../core/catalog/problems'
import { badInput } from '../../core/errors'
import type { EnvSetupOutcome } from '../../core/envs/env-service'
import type { CliSession } from '../cli-session'
import { parseArgs } from '../args'
import { EXIT, printJson, table, type CliIo } from '../output'
import { anyBuildFailed, progressTo, renderEnvTree } from './envs'

/** `packs add DIR | list | reload REF | remove REF`. */
export async function packsCommand({ api }: CliSession, argv: readonly string[], json: boolean, io: CliIo): Promise<number> {
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
      const unsubscribe = progressTo(api, io)
      try {
        // The engine may run in another process, with another working folder: it gets the absolute path.
        const registration = verb === 'add' ? await api['packs:add']({ dir: resolve(expandHome(target)) }) : await api['packs:reload']({ ref: target })
        if (!json && registration.notice) io.stderr(`${registration.notice}\n`)
        if (json) printJson(io, registration)
        else io.stdout(`${renderPack(registration.pack)}\n${renderEnvTree(registration.envs, `${registration.pack.ref} needs no environments: its runtimes define none (shell and native run directly).`)}`)
        return anyBuildFailed(registration.envs as readonly EnvSetupOutcome[]) ? EXIT.environment : EXIT.ok
      } finally {
        unsubscribe()
      }
    }
    case 'list': {
      if (parseArgs(rest, {}).positionals.length > 0) throw badInput('usage: attune-workbench packs list')
      const packs = await api['packs:list']({})
      if (json) printJson(io, { packs })
      else io.stdout(packs.length ? packs.map(renderPack).join('\n') : 'No packs registered. Add one with: attune-workbench packs add DIR\n')
      return EXIT.ok
    }
    case 'remove': {
      const ref = positional('remove REF')
      await api['packs:remove']({ ref })
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
  for (const action of pack.actions) rows.push([action.ref, runnerLabel(action), action.runtimeRef ?? '(none)', action.runtimeVersion ?? '-'])
  const actions = pack.actions.length ? table(rows).split('\n').map((line) => `  ${line}`).join('\n') : '  no actions'
  return `${head}\n${actions}\n${renderComponents(pack.components ?? [])}${renderProblems(pack.problems)}`
}

/** A workflow action has no runner: its `runner_type` (default shell) is never used. */
export function runnerLabel(action: Pick<ActionDefinition, 'runnerType' | 'workflowFile'>): string {
  return action.workflowFile ? 'workflow' : action.runnerType
}

/** Triggers, sensors, rules, queues and permission sets: listed, checked, never run. */
function renderComponents(components: readonly PackComponent[]): string {
  if (components.length === 0) return ''
  const rows = [['COMPONENT', 'KIND', 'POINTS AT']]
  for (const component of components) {
    const links = Object.entries(component.links).map(([field, value]) => `${field}=${Array.isArray(value) ? value.join(',') : value}`)
    rows.push([component.ref, component.kind.replace('_', ' '), links.join(' ') || '-'])
  }
  return `${table(rows).split('\n').map((line) => `  ${line}`).join('\n')}\n`
}

function renderProblems(problems: readonly PackProblem[]): string {
  if (problems.length === 0) return ''
  return `  ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `    ${p.severity}: ${formatProblem(p)}`).join('\n')}\n`
}
