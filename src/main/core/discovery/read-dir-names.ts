import { readdirSync, realpathSync } from 'node:fs'

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
