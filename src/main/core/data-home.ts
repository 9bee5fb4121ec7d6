import { accessSync, chmodSync, constants, lstatSync, mkdirSync, readFileSync, statSync, type Stats } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { WorkbenchError } from './errors'

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
    logs: join(home, 'logs'),
    /** Private (0700) files of runs in progress: parameter files, inline scripts; emptied at engine start. */
    scratch: join(home, 'scratch')
  } as const
}

/**
 * Make sure the data home is a folder this process can write, creating it (and missing parents) first;
 * otherwise throw an environment error that says why and what to do. Folders are created one level at a
 * time: Node's recursive mkdir never returns for a path under /proc. The home is private: created 0700,
 * and an existing one is tightened (see {@link tightenDataHomeSync}).
 */
export function prepareDataHomeSync(home: string): void {
  const target = resolve(home)
  const missing: string[] = []
  let existing = target
  for (;;) {
    let stats: Stats | null = null
    try {
      stats = statSync(existing)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw homeProblem(home, error)
    }
    if (stats !== null) {
      if (!stats.isDirectory()) throw homeProblem(home, `${existing} is a file, not a folder`)
      break
    }
    missing.unshift(existing)
    const parent = dirname(existing)
    if (parent === existing) break
    existing = parent
  }
  for (const dir of missing) {
    try {
      // The home itself is the user's alone (DESIGN.md "Data home"); parents get the usual mode.
      mkdirSync(dir, dir === target ? { mode: 0o700 } : {})
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw homeProblem(home, error, dir)
    }
  }
  try {
    accessSync(target, constants.W_OK | constants.X_OK)
  } catch (error) {
    throw homeProblem(home, error)
  }
  tightenDataHomeSync(target)
}

/**
 * Take group and other permissions off the home and what the workbench keeps at its top level (issue 9
 * finding 8: a home made 0755 with 0644 files let every local user read every run's output). Only the
 * workbench's own entries are touched, never other files of a folder chosen as the home; the owner's bits
 * stay as they are. Best effort: an entry this user does not own is left alone.
 */
export function tightenDataHomeSync(home: string): void {
  const layout = homeLayout(home, {})
  const entries = [home, ...Object.values(layout).filter((path) => path !== home), `${layout.database}-wal`, `${layout.database}-shm`]
  for (const path of entries) {
    try {
      const stats = lstatSync(path)
      if (stats.isSymbolicLink() || (stats.mode & 0o077) === 0) continue
      // Never a shared folder given as the home (`--home /tmp`: sticky), nor anything of another user.
      if ((stats.mode & 0o1000) !== 0 || (process.getuid !== undefined && stats.uid !== process.getuid())) continue
      chmodSync(path, stats.mode & 0o700)
    } catch {
      // Missing, or not ours: nothing to tighten.
    }
  }
}

const HOME_PROBLEMS: Readonly<Record<string, string>> = {
  EROFS: 'it is on a read-only file system',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'the disk is full',
  ENOTDIR: 'a part of the path is a file, not a folder'
}

function homeProblem(home: string, cause: unknown, creating?: string): WorkbenchError {
  const code = (cause as NodeJS.ErrnoException)?.code
  let why: string
  if (typeof cause === 'string') why = cause
  else if (code !== undefined && HOME_PROBLEMS[code]) why = HOME_PROBLEMS[code]
  else if (creating !== undefined) why = `${creating} cannot be created there (${code ?? String(cause)})`
  else why = cause instanceof Error ? cause.message : String(cause)
  return new WorkbenchError('environment', `the data home ${home} cannot be used: ${why}. Choose a folder you can write with --home DIR or ATTUNE_WORKBENCH_HOME.`)
}
