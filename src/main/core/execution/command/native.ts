import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'

/**
 * Why a native action file cannot run, or null when it can (spec §5.13): it must exist, be a file and,
 * on Unix, carry an exec bit.
 */
export async function nativeFileProblem(path: string): Promise<string | null> {
  try {
    if (!(await stat(path)).isFile()) return `Binary not found: '${path}' is not a file`
  } catch {
    return `Binary not found: '${path}'`
  }
  if (process.platform === 'win32') return null
  try {
    await access(path, constants.X_OK)
    return null
  } catch {
    return `Action file '${path}' is not executable (chmod +x it, or give the action an interpreter runtime)`
  }
}
