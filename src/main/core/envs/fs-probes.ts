import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { FileIdentity } from '../discovery'
import type { InterpreterState } from './env-assessment'

/** Resolve `path` and stat its target; null when it does not exist (dangling symlinks included). */
export async function fileIdentity(path: string): Promise<FileIdentity | null> {
  try {
    const realPath = await realpath(path)
    const stats = await stat(realPath)
    return { realPath, size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino }
  } catch {
    return null
  }
}

/** Whether `path` is a directory (following symlinks). */
export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

/** spec §4.3: the interpreter must exist following symlinks; a dangling link is told apart for the message. */
export async function interpreterState(path: string): Promise<InterpreterState> {
  try {
    await stat(path)
    return { kind: 'exists', path }
  } catch {
    try {
      if ((await lstat(path)).isSymbolicLink()) return { kind: 'dangling', path, target: await readlink(path) }
    } catch {
      // Not even a link: plainly missing.
    }
    return { kind: 'missing', path }
  }
}

/**
 * Apparent size of a tree in bytes (like `du -sb`): symlinks count as themselves and are not followed,
 * hard-linked files count once. Unreadable entries are skipped.
 */
export async function treeSize(root: string): Promise<number> {
  const seen = new Set<string>()
  const sizeOf = async (path: string): Promise<number> => {
    let stats
    try {
      stats = await lstat(path)
    } catch {
      return 0
    }
    if (stats.nlink > 1 && !stats.isDirectory()) {
      const key = `${stats.dev}:${stats.ino}`
      if (seen.has(key)) return 0
      seen.add(key)
    }
    if (!stats.isDirectory()) return stats.size
    let names: string[]
    try {
      names = await readdir(path)
    } catch {
      return stats.size
    }
    const sizes = await Promise.all(names.map((name) => sizeOf(join(path, name))))
    return sizes.reduce((sum, size) => sum + size, stats.size)
  }
  return sizeOf(root)
}
