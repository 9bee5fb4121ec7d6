import { readdirSync, readFileSync } from 'node:fs'
import { join, sep } from 'node:path'
import { SETUP_HOME_DIR } from '../envs/env-layout'

/**
 * Kill what is left of runs whose engine died (Linux): every process whose environment names one of
 * `ids` as `ATTUNE_EXEC_ID` and this data home's `ATTUNE_RUNTIME_ENVS_DIR`. Matching on both, read
 * from /proc, means a reused pid of an unrelated program is never touched. Returns the pids killed.
 */
export function reapOrphanedRunsSync(ids: readonly number[], runtimeEnvsDir: string, procDir = '/proc'): number[] {
  if (ids.length === 0) return []
  const wanted = new Set(ids.map(String))
  return killMatchingSync(procDir, (vars) => {
    const id = vars.get('ATTUNE_EXEC_ID')
    return id !== undefined && wanted.has(id) && vars.get('ATTUNE_RUNTIME_ENVS_DIR') === runtimeEnvsDir
  })
}

/**
 * Kill setup commands (`create_command`, `install_command` and their children) that a dead engine left
 * running (Linux). Their HOME is the env's redirected setup HOME, `<runtimeEnvsDir>/<pack>/<env>/.attune-setup`
 * (spec §4.5), so they are found without any marker of our own. Left alive, a `pip install` that wakes up
 * later writes into the env the next engine is rebuilding. Call only while holding the data home: one
 * engine per home means no live engine owns them. Returns the pids killed.
 */
export function reapOrphanedSetupsSync(runtimeEnvsDir: string, procDir = '/proc'): number[] {
  const root = runtimeEnvsDir.endsWith(sep) ? runtimeEnvsDir : `${runtimeEnvsDir}${sep}`
  const suffix = `${sep}${SETUP_HOME_DIR}`
  return killMatchingSync(procDir, (vars) => {
    const home = vars.get('HOME')
    return home !== undefined && home.startsWith(root) && home.endsWith(suffix)
  })
}

/** SIGKILL every process (not this one) whose environment `matches`; the pids killed. */
function killMatchingSync(procDir: string, matches: (vars: ReadonlyMap<string, string>) => boolean): number[] {
  if (process.platform !== 'linux') return []
  let entries: string[]
  try {
    entries = readdirSync(procDir)
  } catch {
    return []
  }
  const killed: number[] = []
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    const pid = Number(entry)
    if (pid === process.pid) continue
    let environ: string
    try {
      environ = readFileSync(join(procDir, entry, 'environ'), 'latin1')
    } catch {
      continue
    }
    const vars = new Map(environ.split('\0').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]))
    if (!matches(vars)) continue
    try {
      process.kill(pid, 'SIGKILL')
      killed.push(pid)
    } catch {
      // Exited meanwhile.
    }
  }
  return killed
}
