import { accessSync, constants, lstatSync, realpathSync, statSync } from 'node:fs'
import { isAbsolute, join, resolve, win32 } from 'node:path'
import { describeType } from '../catalog/yaml-fields'
import { describeFsError, isInside } from './pack-loader-files'
import type { Report } from './pack-loader-report'

/** Where an action's script is. */
export interface EntryPoint {
  /** As written ('' when missing). */
  readonly entryPoint: string
  /** Absolute `<pack>/actions/<entry_point>` when it is a file inside the pack; null otherwise (reported). */
  readonly entryPath: string | null
  /** Why the entry point cannot run (the message reported for `entry_point`), or null when it can. */
  readonly error: string | null
}

/**
 * Resolve `entry_point` against `<pack>/actions/` (spec §1.3) and check it is a file inside the pack.
 *
 * Rejected: missing, absolute, climbing out of `actions/` with `..`, a symlink whose target leaves the pack,
 * a symlink loop, a folder, and for the native runtime a file without an exec bit (spec §5.13: the worker
 * runs it directly). The path is kept lexical (`<pack>/actions/x.py`), as the worker passes it.
 */
export function resolveEntryPoint(
  value: unknown,
  packDir: string,
  report: Report,
  hints: { readonly misspelledKey: boolean; readonly shell: boolean; readonly native: boolean; readonly folder?: 'actions' | 'sensors' }
): EntryPoint {
  const folder = hints.folder ?? 'actions'
  const fail = (message: string): EntryPoint => {
    report(['entry_point'], message)
    return { entryPoint: typeof value === 'string' ? value : '', entryPath: null, error: message }
  }
  if (value === undefined || value === null || value === '') {
    const hint = hints.misspelledKey ? " (found 'entrypoint': the key is 'entry_point')" : ''
    return fail(`is required: the script to run, relative to the pack's ${folder}/ folder${hint}`)
  }
  if (typeof value !== 'string') return fail(`must be a file name relative to ${folder}/, found ${describeType(value)}`)
  if (isAbsolute(value) || win32.isAbsolute(value)) {
    return fail(`'${value}' is an absolute path; an entry point is a file inside the pack, relative to its ${folder}/ folder`)
  }
  const actionsDir = join(packDir, folder)
  const path = resolve(actionsDir, value)
  if (!isInside(actionsDir, path)) return fail(`'${value}' leaves the ${folder}/ folder; an entry point is a file under ${actionsDir}`)
  let real: string
  try {
    real = realpathSync(path)
  } catch (error) {
    const inline = hints.shell && isMissing(error, path)
      ? '; a worker would run this text as an inline shell command, the workbench runs only script files'
      : ''
    return fail(`'${value}' ${describeFsError(error, path)} (looked for ${path})${inline}`)
  }
  if (!isInside(packDir, real)) return fail(`'${value}' is a symbolic link to ${real}, outside the pack folder; packs must be self-contained`)
  if (!statSync(real).isFile()) return fail(`'${value}' is not a file (${path})`)
  if (hints.native && process.platform !== 'win32' && !isExecutable(real)) {
    return fail(`'${value}' is not executable; the native runtime runs the file itself, so it needs an exec bit (chmod +x)`)
  }
  return { entryPoint: value, entryPath: path, error: null }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function isMissing(error: unknown, path: string): boolean {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return false
  try {
    lstatSync(path)
    return false
  } catch {
    return true
  }
}
