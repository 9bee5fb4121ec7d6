import { readdirSync, realpathSync, statSync } from 'node:fs'

/**
 * The entry names of a folder, sorted so scans are deterministic; empty when it cannot be read.
 */
export function readDirNamesSync(dir: string): string[] {
  try {
    return readdirSync(dir).sort()
  } catch {
    return []
  }
}

/** `realpathSync` that answers null instead of throwing. */
export function realPathOrNullSync(path: string): string | null {
  try {
    return realpathSync(path)
  } catch {
    return null
  }
}

/**
 * A {@link readDirNamesSync} that reads each folder once however it is reached (by device and inode): on a
 * merged-/usr system `/bin` and `/usr/bin` are one folder of a thousand names, and discovery meets it on
 * PATH twice and again as a system folder. For one scan: a folder changed meanwhile is not read again.
 */
export function readEachDirOnce(): (dir: string) => readonly string[] {
  const byIdentity = new Map<string, readonly string[]>()
  return (dir) => {
    let key: string
    try {
      const stats = statSync(dir)
      key = `${stats.dev}:${stats.ino}`
    } catch {
      return []
    }
    const known = byIdentity.get(key)
    if (known !== undefined) return known
    const names = readDirNamesSync(dir)
    byIdentity.set(key, names)
    return names
  }
}
