/** Human forms of sizes, durations and times for the views. */

// One writing of sizes, durations and times for the UI and the CLI.
export { formatBytes, formatDuration, formatTime } from '../../../shared/text/units'

export function shortHash(hash: string | null | undefined): string {
  return hash ? hash.slice(0, 12) : '—'
}

/** A value for display: strings as they are, everything else as indented JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === undefined) return ''
  return JSON.stringify(value, null, 2)
}
