import { realpathSync, statSync } from 'node:fs'

/**
 * What makes an executable "the same file" for caching: its resolved path and the stat fields that
 * change when it is replaced or rewritten.
 */
export interface FileIdentity {
  readonly realPath: string
  readonly size: number
  readonly mtimeMs: number
  readonly ino: number
}

/**
 * Resolve `path` and stat the file it points to, or null when it does not exist (dangling symlinks
 * included) or cannot be read.
 */
export function fileIdentitySync(path: string): FileIdentity | null {
  try {
    const realPath = realpathSync(path)
    const stats = statSync(realPath)
    return { realPath, size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino }
  } catch {
    return null
  }
}

/** Whether two identities describe the same unchanged file. */
export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.realPath === b.realPath && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino
}
