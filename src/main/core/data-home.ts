import { homedir } from 'node:os'
import { join } from 'node:path'

export const APP_NAME = 'attune-workbench'

/**
 * The data home (DESIGN.md "Data home"): `--home`, else `ATTUNE_WORKBENCH_HOME`, else the folder
 * Electron's `userData` uses for an app named attune-workbench, so the app and the CLI share state.
 */
export function resolveDataHome(options: {
  flag?: string | undefined
  env: Readonly<Record<string, string | undefined>>
  platform?: NodeJS.Platform
  home?: string
}): string {
  if (options.flag) return options.flag
  const { env } = options
  if (env.ATTUNE_WORKBENCH_HOME) return env.ATTUNE_WORKBENCH_HOME
  const home = options.home ?? homedir()
  switch (options.platform ?? process.platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', APP_NAME)
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME)
    default:
      return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME)
  }
}

/** Where the pieces of a data home live. */
export function homeLayout(home: string, env: Readonly<Record<string, string | undefined>>) {
  return {
    database: join(home, 'workbench.db'),
    runtimeEnvs: env.ATTUNE_RUNTIME_ENVS_DIR || join(home, 'runtime_envs'),
    executions: join(home, 'executions'),
    logs: join(home, 'logs')
  } as const
}
