import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The Attune API the workbench hands to actions (spec §5.5: `ATTUNE_API_URL`, `ATTUNE_API_TOKEN`). */
export interface ApiSettings {
  /** The workbench's own `ATTUNE_API_URL`, read as a worker reads its own; null when unset. */
  readonly url: string | null
  /** The workbench's own `ATTUNE_API_TOKEN`; passed only to a run that asks for it. */
  readonly token: string | null
}

/** Read the API settings from the workbench's environment (blank values count as unset). */
export function apiSettingsFrom(env: Readonly<Record<string, string | undefined>>): ApiSettings {
  const text = (name: string): string | null => {
    const value = env[name]?.trim()
    return value ? value : null
  }
  return { url: text('ATTUNE_API_URL'), token: text('ATTUNE_API_TOKEN') }
}

/**
 * Why a pack needs the Attune API, or null: its `requirements.txt` names the Attune SDK (`attune-sdk`,
 * extras and versions allowed), or the action's Python file imports `attune`. Best effort, read-only.
 */
export function sdkDependency(packDir: string, entryPath: string | null): string | null {
  const requirements = readOrEmpty(join(packDir, 'requirements.txt'))
  const line = requirements.split('\n').find((text) => /^\s*attune[-_]sdk\b/i.test(text))
  if (line !== undefined) return `requirements.txt names ${line.trim()}`
  if (entryPath !== null && /\.py$/.test(entryPath) && /^\s*(import attune\b|from attune\b)/m.test(readOrEmpty(entryPath))) return `${entryPath} imports attune`
  return null
}

/** The run warning when a pack uses the SDK and no API is configured. */
export function missingApiWarning(reason: string): string {
  return `this action uses the Attune SDK (${reason}), but no Attune API is configured (run --api-url URL, or ATTUNE_API_URL in the workbench's environment): SDK calls such as keystore, artifacts and queues will fail`
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(0, 1024 * 1024)
  } catch {
    return ''
  }
}
