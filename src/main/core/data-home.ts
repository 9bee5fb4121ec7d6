import { readFileSync } from 'node:fs'
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

/** Whether an engine process holds the home now (its pid file names a live process). */
export function engineAliveSync(pidFile: string): boolean {
  let pid: number
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim())
  } catch {
    return false
  }
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Where the pieces of a data home live. */
export function homeLayout(home: string, env: Readonly<Record<string, string | undefined>>) {
  return {
    database: join(home, 'workbench.db'),
    /** The pid of the engine holding the home, while it does. */
    enginePid: join(home, 'engine.pid'),
    runtimeEnvs: env.ATTUNE_RUNTIME_ENVS_DIR || join(home, 'runtime_envs'),
    executions: join(home, 'executions'),
    logs: join(home, 'logs')
  } as const
}
