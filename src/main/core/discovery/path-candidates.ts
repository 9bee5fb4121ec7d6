import { isAbsolute, join } from 'node:path'
import type { CandidateList } from './candidate-list'
import { isExecutableFileSync } from './find-on-path'
import { familyOfExecutable } from './interpreter-names'
import { splitPathList } from './merge-path-lists'
import { realPathOrNullSync } from './read-dir-names'

const SHIM_REASON =
  'version-manager shim folder: its launchers choose a version at run time, so the installations behind ' +
  'it are found through the manager’s own folders instead'

/** The sorted entry names of a folder, empty when it cannot be read (see `readEachDirOnce`). */
export type DirReader = (dir: string) => readonly string[]

/**
 * Add every interpreter-named executable in the PATH folders, in PATH order.
 *
 * Shim folders are reported as skipped (once, and only when they hold interpreter names) rather than
 * scanned. Relative entries are ignored: they would depend on this process's current folder.
 */
export function scanPathSync(
  pathValue: string,
  platform: NodeJS.Platform,
  isShim: (dir: string) => boolean,
  list: CandidateList,
  readDir: DirReader
): void {
  for (const dir of splitPathList(pathValue, platform === 'win32' ? ';' : ':')) {
    if (!isAbsolute(dir)) continue
    const names = readDir(dir).filter((name) => familyOfExecutable(name, platform) !== null)
    if (names.length === 0) continue
    if (isShim(dir)) {
      list.skip(dir, SHIM_REASON)
      continue
    }
    addExecutables(dir, names, platform, list, 'path', `PATH entry ${dir}`)
  }
}

/**
 * Add interpreters in the system folders that PATH did not already lead to (same path or same file).
 */
export function scanSystemDirsSync(dirs: readonly string[], platform: NodeJS.Platform, list: CandidateList, readDir: DirReader): void {
  const seenThroughPath = new Set(list.candidates().map((candidate) => candidate.realPath))
  for (const dir of dirs) {
    const names = readDir(dir).filter((name) => familyOfExecutable(name, platform) !== null)
    const fresh = names.filter((name) => {
      const path = join(dir, name)
      return !list.has(path) && !seenThroughPath.has(realPathOrNullSync(path) ?? path)
    })
    addExecutables(dir, fresh, platform, list, 'system', `system folder ${dir}`)
  }
}

function addExecutables(
  dir: string,
  names: readonly string[],
  platform: NodeJS.Platform,
  list: CandidateList,
  source: 'path' | 'system',
  detail: string
): void {
  for (const name of names) {
    const family = familyOfExecutable(name, platform)
    const path = join(dir, name)
    if (family === null || !isExecutableFileSync(path)) continue
    list.add({ family, path, source, detail })
  }
}
