import { accessSync, constants, statSync } from 'node:fs'
import { extname, isAbsolute, join, resolve } from 'node:path'
import { splitPathList } from './merge-path-lists'
import { isShimDir } from './shim-dir'

const WINDOWS_EXTENSIONS = ['.exe', '.cmd', '.bat', '.com']

/** Options for {@link findOnPathSync}. */
export interface FindOnPathOptions {
  /** Skip version-manager shim folders (see {@link isShimDir}). */
  readonly skipShims?: boolean
}

/**
 * The first executable file named `command` in PATH order, as an absolute path, or null.
 *
 * A command that is absolute or contains a separator is checked directly (resolved against the current
 * folder) instead of searched. Relative and empty PATH entries are ignored: they would depend on this
 * process's current folder. On win32 a command without an extension also tries .exe, .cmd, .bat, .com.
 */
export function findOnPathSync(command: string, pathValue: string, options: FindOnPathOptions = {}): string | null {
  if (command === '') return null
  const names = candidateNames(command)
  if (isAbsolute(command) || /[\\/]/.test(command)) {
    return names.map((name) => resolve(name)).find(isExecutableFileSync) ?? null
  }
  for (const dir of splitPathList(pathValue)) {
    if (!isAbsolute(dir)) continue
    if (options.skipShims && isShimDir(dir)) continue
    const found = names.map((name) => join(dir, name)).find(isExecutableFileSync)
    if (found !== undefined) return found
  }
  return null
}

/**
 * Whether `path` is a regular file (after following symlinks) this process may execute.
 */
export function isExecutableFileSync(path: string): boolean {
  try {
    // A missing file answers undefined rather than throwing: most lookups miss (a name tried in every PATH
    // folder), and building the error object is most of the cost of a miss.
    if (statSync(path, { throwIfNoEntry: false })?.isFile() !== true) return false
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function candidateNames(command: string): string[] {
  if (process.platform !== 'win32' || extname(command) !== '') return [command]
  return [command, ...WINDOWS_EXTENSIONS.map((extension) => command + extension)]
}
