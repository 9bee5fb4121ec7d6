import { delimiter as platformDelimiter } from 'node:path'

/**
 * Split a PATH-style list into its non-empty entries, in order.
 *
 * Empty entries are dropped: to a shell they mean the current folder, which for this app is meaningless.
 */
export function splitPathList(value: string, delimiter: string = platformDelimiter): string[] {
  return value.split(delimiter).filter((entry) => entry !== '')
}

/**
 * Merge two PATH-style lists: `current` entries first, then `extra` ones not already present.
 *
 * Empty entries are dropped and later duplicates removed (a later duplicate never changes which file a
 * lookup finds). Entries differing only by a trailing separator count as the same folder; the first
 * spelling is kept.
 */
export function mergePathLists(current: string, extra: string, delimiter: string = platformDelimiter): string {
  const seen = new Set<string>()
  const merged: string[] = []
  for (const entry of [...splitPathList(current, delimiter), ...splitPathList(extra, delimiter)]) {
    const key = entry.replace(/[\\/]+$/, '') || entry
    if (seen.has(key)) continue
    seen.add(key)
    merged.push(entry)
  }
  return merged.join(delimiter)
}
