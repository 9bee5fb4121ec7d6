import { appendFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

/** A line logger for one subsystem. Logging never throws. */
export type LineLogger = (line: string) => void

/**
 * Append timestamped lines to `file` when `enabled` (ATTUNE_WORKBENCH_DEBUG), else drop them.
 * Synchronous on purpose: debug lines are few and must survive a crash that follows them.
 */
export function createFileLogger(file: string, enabled: boolean): LineLogger {
  if (!enabled) return () => undefined
  let ready = false
  return (line) => {
    try {
      if (!ready) {
        mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
        ready = true
      }
      appendFileSync(file, `${new Date().toISOString()} ${line}\n`, { mode: 0o600 })
    } catch {
      // A full disk or a removed home must not take the host down with it.
    }
  }
}

/** Whether the debug logs are on for this process. */
export function debugEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.ATTUNE_WORKBENCH_DEBUG
  return value !== undefined && value !== '' && value !== '0'
}
