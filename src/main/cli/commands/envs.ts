import { formatBytes, formatTime } from '../../../shared/text/units'
import { reasonBeyondError, type EnvView } from '../../../shared/domain/env'
import { badInput } from '../../core/errors'
import type { EnvSetupOutcome } from '../../core/envs/env-service'
import type { Api } from '../../../shared/ipc/contract'
import type { CliSession } from '../cli-session'
import { optionValue, parseArgs } from '../args'
import { EXIT, printJson, table, type CliIo } from '../output'

/** `envs list [--pack P] | setup [--pack P] | rebuild P R [V]`. */
export async function envsCommand({ api }: CliSession, argv: readonly string[], json: boolean, io: CliIo): Promise<number> {
  const [verb, ...rest] = argv
  switch (verb) {
    case 'list': {
      const args = parseArgs(rest, { options: ['pack'], flags: ['size'] })
      if (args.positionals.length > 0) throw badInput('usage: attune-workbench envs list [--pack PACK] [--size]')
      await api['runtimes:ensureVerified']({})
      const envs = await api['envs:list']({ pack: optionValue(args, 'pack'), size: args.flags.has('size') })
      if (json) printJson(io, { envs })
      else io.stdout(renderEnvTree(envs))
      return EXIT.ok
    }
    case 'setup': {
      const args = parseArgs(rest, { options: ['pack'] })
      if (args.positionals.length > 0) throw badInput('usage: attune-workbench envs setup [--pack PACK]')
      await api['runtimes:ensureVerified']({})
      const unsubscribe = progressTo(api, io)
      try {
        // The engine answers with each env's outcome (an EnvView plus what its build did).
        const envs = (await api['envs:setup']({ pack: optionValue(args, 'pack') })) as EnvSetupOutcome[]
        if (json) printJson(io, { envs })
        else io.stdout(renderEnvTree(envs))
        return anyBuildFailed(envs) ? EXIT.environment : EXIT.ok
      } finally {
        unsubscribe()
      }
    }
    case 'rebuild': {
      const { positionals } = parseArgs(rest, {})
      const [pack, runtime, version, extra] = positionals
      if (pack === undefined || runtime === undefined || extra !== undefined) {
        throw badInput('usage: attune-workbench envs rebuild PACK RUNTIME [VERSION] (e.g. envs rebuild my_pack python 3.12)')
      }
      await api['runtimes:ensureVerified']({})
      const unsubscribe = progressTo(api, io)
      try {
        const env = (await api['envs:rebuild']({ pack, runtime, version: version ?? null })) as EnvSetupOutcome
        if (json) printJson(io, env)
        else io.stdout(renderEnvTree([env]))
        return anyBuildFailed([env]) ? EXIT.environment : EXIT.ok
      } finally {
        unsubscribe()
      }
    }
    default:
      throw badInput(`unknown envs command '${verb ?? ''}' (expected list, setup or rebuild)`)
  }
}

/**
 * Whether a build failed now. An env that existed keeps its own status (`stale`, `broken`) when its
 * rebuild fails and the old env is put back, so the outcome's action says it, not the status.
 */
export function anyBuildFailed(envs: readonly EnvSetupOutcome[]): boolean {
  return envs.some((env) => env.action === 'failed' || env.status === 'failed')
}

/** Stream env setup output to stderr (in --json mode too: the document alone goes to stdout). */
export function progressTo(api: Api, io: CliIo): () => void {
  return api.on('env.progress', (event) => io.stderr(`  [${event.pack} ${event.runtime}${event.version ? ` ${event.version}` : ''}] ${event.line}\n`))
}

/** Per pack, the base and versioned envs with status; failures show the tool's output tail. */
export function renderEnvTree(
  envs: readonly (EnvView | EnvSetupOutcome)[],
  empty = 'No environments: no registered pack uses a runtime with an environment.'
): string {
  if (envs.length === 0) return `${empty}\n`
  const byPack = new Map<string, (EnvView | EnvSetupOutcome)[]>()
  for (const env of envs) byPack.set(env.pack, [...(byPack.get(env.pack) ?? []), env])
  const blocks: string[] = []
  for (const [pack, list] of byPack) {
    const rows = [['ENV', 'STATUS', 'INTERPRETER', 'DEPS', 'SIZE', 'BUILT']]
    const notes: string[] = []
    for (const env of list) {
      const name = env.version === null ? env.runtimeName : `${env.runtimeName}-${env.version}`
      const outcome = 'action' in env ? env.action : null
      const failedNow = outcome === 'failed' || env.status === 'failed'
      const action = outcome === 'built' ? ' (built now)' : outcome === 'skipped' ? ' (skipped)' : outcome === 'failed' && env.status !== 'failed' ? ' (rebuild failed; previous env kept)' : ''
      rows.push([name, `${env.status}${action}`, env.interpreter ?? '-', env.depsHash ? env.depsHash.slice(0, 12) : '-', formatBytes(env.sizeBytes), env.builtAt === null ? '-' : formatTime(env.builtAt)])
      // A failed env's reason quotes its error: print each error once, then what the reason adds; a skipped
      // env (ATTUNE_WORKER_RUNTIMES) says why even when what is on disk is ready.
      const reason = outcome === 'skipped' ? env.statusReason : reasonBeyondError(env)
      if (reason) notes.push(`  ${name}: ${reason}`)
      if (env.error) notes.push(`  ${name}: ${env.error}${env.failedRequirement ? ` — could not install ${env.failedRequirement}` : ''}`)
      if ('logTail' in env && failedNow && env.logTail.length) notes.push(...env.logTail.map((line) => `    | ${line}`))
      if (failedNow && env.logFile) notes.push(`    full log: ${env.logFile}`)
    }
    blocks.push(`${pack}\n${table(rows).split('\n').map((line) => `  ${line}`).join('\n')}\n${notes.length ? `${notes.join('\n')}\n` : ''}`)
  }
  return blocks.join('\n')
}
