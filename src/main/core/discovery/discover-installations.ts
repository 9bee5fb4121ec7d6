import { normalize } from 'node:path'
import { CandidateList, type Candidate } from './candidate-list'
import type { Installation, Inventory } from './installation'
import { compareInstallations } from './installation-order'
import { scanManagersSync } from './manager-candidates'
import { managerLayouts } from './manager-layouts'
import { managerRoots, managerShimDirs, type DiscoveryEnv } from './manager-roots'
import { mapLimit } from '../util/map-limit'
import { scanPathSync, scanSystemDirsSync } from './path-candidates'
import { judgeVersionProbe, VERSION_ARGS } from './probe-verdict'
import { readEachDirOnce } from './read-dir-names'
import type { Prober } from './prober'
import { isShimDir } from './shim-dir'

/** Where and how to look for interpreters. */
export interface DiscoveryOptions {
  /**
   * Read for PATH, HOME, PYENV_ROOT, ASDF_DATA_DIR, MISE_DATA_DIR, NVM_DIR, FNM_DIR, VOLTA_HOME,
   * UV_PYTHON_INSTALL_DIR, XDG_DATA_HOME and HOMEBREW_PREFIX; never passed to the probes.
   */
  readonly env: DiscoveryEnv
  readonly platform?: NodeJS.Platform
  readonly prober: Prober
  /** Probes in flight at once; default 8. */
  readonly concurrency?: number
  /** Default `/usr/bin` and `/usr/local/bin` (none on win32). */
  readonly systemDirs?: readonly string[]
  /** Default HOMEBREW_PREFIX, /opt/homebrew, /usr/local, /home/linuxbrew/.linuxbrew. */
  readonly homebrewPrefixes?: readonly string[]
  /**
   * Only candidates this accepts are probed (a verification asks for what its rows could use); the others
   * are listed in `skipped` as not probed. Default: every candidate.
   */
  readonly wanted?: (candidate: Candidate) => boolean
}

const DEFAULT_CONCURRENCY = 8
const DEFAULT_SYSTEM_DIRS = ['/usr/bin', '/usr/local/bin']

/**
 * Find the Python and Node.js installations on this machine.
 *
 * DESIGN "Runtime versions on a developer's machine": scans PATH (shim folders excluded), the system
 * folders, then pyenv, asdf, mise, nvm, fnm, volta, uv and Homebrew, keeping each path once under the
 * first source that reached it. Every candidate's version comes from running it with `--version`
 * (never from a folder name); one that cannot be run or prints no version is listed in `skipped` with
 * the reason. Manager layouts are the POSIX ones; on win32 PATH is what finds interpreters.
 */
export async function discoverInstallations(options: DiscoveryOptions): Promise<Inventory> {
  const platform = options.platform ?? process.platform
  const roots = managerRoots(options.env, options.homebrewPrefixes)
  const knownShims = new Set(managerShimDirs(roots).map((dir) => normalize(dir)))
  const list = new CandidateList()

  const readDir = readEachDirOnce()
  scanPathSync(options.env.PATH ?? '', platform, (dir) => isShimDir(dir) || knownShims.has(normalize(dir)), list, readDir)
  scanSystemDirsSync(options.systemDirs ?? (platform === 'win32' ? [] : DEFAULT_SYSTEM_DIRS), platform, list, readDir)
  scanManagersSync(managerLayouts(roots), platform, list)

  const skipped = list.skipped()
  const candidates: Candidate[] = []
  for (const candidate of list.candidates()) {
    if (options.wanted === undefined || options.wanted(candidate)) candidates.push(candidate)
    else skipped.push({ path: candidate.path, reason: 'not probed: no runtime version being verified could use it' })
  }
  const verdicts = await mapLimit(candidates, options.concurrency ?? DEFAULT_CONCURRENCY, async (candidate) =>
    judgeVersionProbe(candidate.family, await options.prober.probe(candidate.path, VERSION_ARGS))
  )

  const installations: Installation[] = []
  candidates.forEach((candidate, index) => {
    const verdict = verdicts[index]
    if (verdict === undefined) return
    if (verdict.ok) installations.push({ ...candidate, version: verdict.version })
    else skipped.push({ path: candidate.path, reason: verdict.reason })
  })
  installations.sort(compareInstallations)
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { installations, skipped }
}
