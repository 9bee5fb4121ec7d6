import { readdirSync, readFileSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join, sep } from 'node:path'
import { SETUP_HOME_DIR } from '../../envs/env-layout'
import { mapLimit } from '../../util/map-limit'
import { parseProcStat } from './tree'

/**
 * Kill what is left of runs whose engine died (Linux): every process whose environment names one of
 * `ids` as `ATTUNE_EXEC_ID` and this data home's `ATTUNE_RUNTIME_ENVS_DIR`. Matching on both, read
 * from /proc, means a reused pid of an unrelated program is never touched. Returns the pids killed.
 */
export function reapOrphanedRunsSync(ids: readonly (number | string)[], runtimeEnvsDir: string, procDir = '/proc'): number[] {
  if (ids.length === 0) return []
  const wanted = new Set(ids.map(String))
  return killMatchingSync(procDir, (vars) => {
    const id = vars.get('ATTUNE_EXEC_ID')
    return id !== undefined && wanted.has(id) && vars.get('ATTUNE_RUNTIME_ENVS_DIR') === runtimeEnvsDir
  })
}

/**
 * The same for one run that just ended, without blocking the event loop: /proc reads are slow on some
 * kernels and sandboxes (a fraction of a millisecond each) and many runs end at once under load, so runs
 * that end while a scan is under way share the next one. Resolves with the pids killed.
 *
 * The scan may outlive the run (its result does not wait for it), so only processes started before the run
 * ended are killed: a later run given the same id (a data home started afresh) is never touched.
 */
export function reapRunAsync(id: number | string, runtimeEnvsDir: string, endedAt: number | null = bootTicksNow(), pids: PidRange | null = null): Promise<number[]> {
  if (process.platform !== 'linux') return Promise.resolve([])
  return new Promise((resolve) => {
    const key = runKey(runtimeEnvsDir, String(id))
    waiting.set(key, [...(waiting.get(key) ?? []), resolve])
    if (endedAt !== null) bounds.set(key, Math.max(bounds.get(key) ?? 0, endedAt))
    // Two requests for one run (or one without a range) look at every process.
    ranges.set(key, ranges.has(key) ? null : pids)
    if (!scanning) void scanWhileWaiting()
  })
}

/**
 * The pids a run's processes can hold: from its root process's pid to the last pid the kernel handed out
 * when it ended, counting on past a wrap at `pid_max`. Linux hands out pids in turn (cyclically), so every
 * process forked after the root started, its escaped descendants included, has a pid in this range, unless
 * the run lasted long enough for the counter to come round to the root's pid again: callers pass a range
 * only for short runs. Scanning these few instead of every `/proc/<pid>/environ` on the machine is what
 * keeps the sweep cheap for the many short runs.
 */
export interface PidRange {
  readonly first: number
  readonly last: number
}

/** The range of pids handed out since `first` (see {@link PidRange}), from `/proc/loadavg`; null if unknown. */
export function pidsSince(first: number, procDir = '/proc'): PidRange | null {
  try {
    const last = Number(readFileSync(join(procDir, 'loadavg'), 'latin1').trim().split(' ')[4])
    return Number.isInteger(last) && last > 0 ? { first, last } : null
  } catch {
    return null
  }
}

function inRange(pid: number, range: PidRange): boolean {
  return range.first <= range.last ? pid >= range.first && pid <= range.last : pid >= range.first || pid <= range.last
}

/** Clock ticks since boot, the unit of a process's start time in /proc/<pid>/stat; null if unknown. */
export function bootTicksNow(procDir = '/proc'): number | null {
  try {
    // USER_HZ is 100 on every Linux architecture Node runs on; a tick of slack covers the rounding.
    return Math.ceil(Number(readFileSync(join(procDir, 'uptime'), 'latin1').split(' ')[0]) * 100) + 1
  } catch {
    return null
  }
}

const waiting = new Map<string, ((killed: number[]) => void)[]>()
/** Per run waiting: the latest start time (boot ticks) of a process the scan may kill. */
const bounds = new Map<string, number>()
/** Per run waiting: the pids its processes can hold, or null for any. */
const ranges = new Map<string, PidRange | null>()
let scanning = false

const runKey = (runtimeEnvsDir: string, id: string): string => `${runtimeEnvsDir}\0${id}`

async function scanWhileWaiting(): Promise<void> {
  scanning = true
  try {
    while (waiting.size > 0) {
      const batch = new Map(waiting)
      const limits = new Map(bounds)
      const pids = [...batch.keys()].map((key) => ranges.get(key) ?? null)
      waiting.clear()
      bounds.clear()
      ranges.clear()
      const candidate = pids.includes(null) ? () => true : (pid: number) => pids.some((range) => range !== null && inRange(pid, range))
      const killed = new Map<string, number[]>()
      for (const [key, pid] of await scanProc('/proc', new Set(batch.keys()), limits, candidate)) killed.set(key, [...(killed.get(key) ?? []), pid])
      for (const [key, resolvers] of batch) for (const resolve of resolvers) resolve(killed.get(key) ?? [])
    }
  } finally {
    // In the same turn as the last `waiting.size` check: a request arriving later starts a new scan.
    scanning = false
  }
}

/** Kill every process whose `<envs dir>\0<exec id>` is in `wanted` (started by `startedBy`); the pids killed, by that key. */
async function scanProc(procDir: string, wanted: ReadonlySet<string>, startedBy: ReadonlyMap<string, number>, candidate: (pid: number) => boolean): Promise<[string, number][]> {
  let entries: string[]
  try {
    entries = (await readdir(procDir)).filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid && candidate(Number(entry)))
  } catch {
    return []
  }
  const found = await mapLimit(entries, 4, async (entry): Promise<[string, number] | null> => {
    let environ: string
    try {
      environ = await readFile(join(procDir, entry, 'environ'), 'latin1')
    } catch {
      return null
    }
    if (!environ.includes('ATTUNE_EXEC_ID=')) return null
    const vars = parseEnviron(environ)
    const key = runKey(vars.get('ATTUNE_RUNTIME_ENVS_DIR') ?? '', vars.get('ATTUNE_EXEC_ID') ?? '')
    if (!wanted.has(key)) return null
    const limit = startedBy.get(key)
    if (limit !== undefined && !(await startedNoLaterThan(join(procDir, entry, 'stat'), limit))) return null
    try {
      process.kill(Number(entry), 'SIGKILL')
      return [key, Number(entry)]
    } catch {
      return null
    }
  })
  return found.filter((hit): hit is [string, number] => hit !== null)
}

async function startedNoLaterThan(statFile: string, ticks: number): Promise<boolean> {
  try {
    return Number(parseProcStat(await readFile(statFile, 'latin1')).startTime) <= ticks
  } catch {
    return false
  }
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
    if (!matches(parseEnviron(environ))) continue
    try {
      process.kill(pid, 'SIGKILL')
      killed.push(pid)
    } catch {
      // Exited meanwhile.
    }
  }
  return killed
}

function parseEnviron(environ: string): Map<string, string> {
  return new Map(environ.split('\0').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]))
}
