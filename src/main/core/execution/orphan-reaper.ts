import { readdirSync, readFileSync } from 'node:fs'

/**
 * Kill what is left of runs whose engine died (Linux): every process whose environment names one of
 * `ids` as `ATTUNE_EXEC_ID` and this data home's `ATTUNE_RUNTIME_ENVS_DIR`. Matching on both, read
 * from /proc, means a reused pid of an unrelated program is never touched. Returns the pids killed.
 */
export function reapOrphanedRunsSync(ids: readonly number[], runtimeEnvsDir: string, procDir = '/proc'): number[] {
  if (ids.length === 0 || process.platform !== 'linux') return []
  const wanted = new Set(ids.map(String))
  const killed: number[] = []
  let entries: string[]
  try {
    entries = readdirSync(procDir)
  } catch {
    return []
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    const pid = Number(entry)
    if (pid === process.pid) continue
    let environ: string
    try {
      environ = readFileSync(`${procDir}/${entry}/environ`, 'latin1')
    } catch {
      continue
    }
    const vars = new Map(environ.split('\0').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]))
    const id = vars.get('ATTUNE_EXEC_ID')
    if (id === undefined || !wanted.has(id) || vars.get('ATTUNE_RUNTIME_ENVS_DIR') !== runtimeEnvsDir) continue
    try {
      process.kill(pid, 'SIGKILL')
      killed.push(pid)
    } catch {
      // Exited meanwhile.
    }
  }
  return killed
}
