import { lstatSync, readlinkSync, statSync } from 'node:fs'
import { lstat, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { InterpreterState } from './env-assessment'

// The probes below are synchronous on purpose: each is one stat of a local path, microseconds, while an
// asynchronous one costs a round trip through libuv's thread pool, and a run's path makes a dozen of them.

/** Whether `path` is a directory (following symlinks). */
export function isDirectorySync(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true
  } catch {
    // Missing, or under a file (ENOTDIR), a loop, a name too long, unreadable: not a folder to use.
    return false
  }
}

/** spec §4.3: the interpreter must exist following symlinks; a dangling link is told apart for the message. */
export function interpreterStateSync(path: string): InterpreterState {
  try {
    statSync(path)
    return { kind: 'exists', path }
  } catch {
    try {
      if (lstatSync(path).isSymbolicLink()) return { kind: 'dangling', path, target: readlinkSync(path) }
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
