import { existsSync, readFileSync, statSync } from 'node:fs'
import type { EnvView } from '../../shared/domain/env'
import type { ActionSummary, AppInfo, Channel, ChannelResults, EnvLog, StartupState } from '../../shared/ipc/contract'
import { channels } from '../../shared/ipc/contract'
import type { Workbench } from '../core/workbench'
import type { z } from 'zod'

/** What the host adds to the engine: its kind and the few things only it can do. */
export interface HostHooks {
  readonly kind: AppInfo['host']
  readonly version: string
  startup(): StartupState
  /** Reveal a path in the OS file manager; false where the host cannot. */
  showInFolder?(path: string): boolean
  /** Ask the user for a folder (a native picker); absent where the host has none. */
  pickFolder?(title: string | undefined): Promise<string | null>
}

type Input<C extends Channel> = z.output<(typeof channels)[C]['input']>
export type Handlers = { readonly [C in Channel]: (input: Input<C>) => Promise<ChannelResults[C]> | ChannelResults[C] }

const ENV_LOG_MAX = 1024 * 1024

/** Each channel bound to one engine call; no logic beyond shaping results lives here. */
export function createHandlers(workbench: Workbench, host: HostHooks): Handlers {
  const { runtimes, packs, envs, lifecycle, executions, matrix } = workbench
  const allActions = () => packs.list().flatMap((pack) => pack.actions)
  return {
    'app:info': (): AppInfo => ({ host: host.kind, home: workbench.home, version: host.version, startup: host.startup() }),
    'runtimes:list': () => runtimes.list(),
    'runtimes:verify': ({ runtime }) => runtimes.verify(runtime),
    'runtimes:ensureVerified': async () => {
      await runtimes.ensureVerified()
      return null
    },
    'runtimes:problems': () => [...workbench.catalogProblems],
    'runtimes:setEnabled': ({ runtime, version, enabled }) => {
      runtimes.setEnabled(runtime, version, enabled)
      const ref = runtimes.find(runtime).ref
      return runtimes.list().find((view) => view.ref === ref) as ChannelResults['runtimes:setEnabled']
    },
    'runtimes:impact': ({ runtime, version, enabled }) => runtimes.impact(runtime, version, enabled, allActions()),
    'runtimes:resolve': ({ runtime, constraint, candidates }) => runtimes.resolve(runtime, { constraint: constraint ?? null, candidates }),
    'packs:list': () => packs.list(),
    'packs:add': ({ dir }) => lifecycle.register(dir),
    'packs:reload': ({ ref }) => lifecycle.reload(ref),
    'packs:remove': ({ ref }) => {
      lifecycle.remove(ref)
      return { removed: ref }
    },
    'envs:list': ({ pack, size }) => envs.list(pack, { measureSize: size }),
    'envs:setup': ({ pack }) => envs.setup(pack),
    'envs:rebuild': ({ pack, runtime, version }) => envs.rebuild(pack, runtime, version),
    'envs:log': async ({ pack, runtime, version }): Promise<EnvLog> => {
      const env = (await envs.list(pack)).find((view: EnvView) => (view.runtime === runtime || view.runtimeName === runtime) && view.version === version)
      return { file: env?.logFile ?? null, text: env?.logFile ? tail(env.logFile) : '' }
    },
    'actions:list': ({ pack }): ActionSummary[] =>
      packs
        .list()
        .filter((view) => pack === undefined || view.ref === pack)
        .flatMap((view) =>
          view.actions.map((action) => {
            const resolution = action.runtimeRef ? runtimes.resolveNow(action.runtimeRef, action.runtimeVersion) : null
            return { pack: view.ref, action, resolution, resolvedVersion: resolution?.selected ?? null }
          })
        ),
    'actions:get': ({ ref }) => executions.findAction(ref),
    'executions:start': ({ action, parameters, options }) => executions.start(action, parameters, options),
    'executions:cancel': ({ id, by }) => ({ cancelled: executions.cancel(id, by === 'cli' ? 'the CLI' : 'the UI') }),
    'executions:rerun': ({ id, secrets, parameters }) => executions.rerun(id, secrets, parameters),
    'executions:wait': ({ id }) => executions.wait(id),
    'executions:list': (filter) => executions.list(filter),
    'executions:get': ({ id, output }) => executions.get(id, output),
    'executions:log': ({ id, stream, offset }) => executions.log(id, stream, offset),
    'matrix:start': ({ action, parameters, versions, repeat }) => matrix.start(action, parameters, { versions, repeat }),
    'matrix:wait': ({ id }) => matrix.wait(id),
    'matrix:get': ({ id }) => matrix.get(id),
    'shell:showInFolder': ({ path }) => ({ path, shown: host.showInFolder?.(path) ?? false }),
    'dialog:pickFolder': async ({ title }) => ({ path: (await host.pickFolder?.(title)) ?? null })
  }
}

function tail(file: string): string {
  if (!existsSync(file)) return ''
  const size = statSync(file).size
  const text = readFileSync(file)
  return text.subarray(Math.max(0, size - ENV_LOG_MAX)).toString('utf8')
}
