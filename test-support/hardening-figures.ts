import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Where hardening tests leave their figures for `npm run hardening` to print. */
export const FIGURES_DIR = join(__dirname, '..', 'reports', 'hardening')

/**
 * Record a measured figure of a hardening test (payloads fuzzed, packs in the corpus, faults
 * injected...). One JSON file per figure, so parallel test files never write the same file.
 */
export function recordFigure(name: string, value: number | string, detail = ''): void {
  try {
    mkdirSync(FIGURES_DIR, { recursive: true })
    writeFileSync(join(FIGURES_DIR, `${name.replace(/[^a-z0-9_-]+/gi, '-')}.json`), JSON.stringify({ name, value, detail }))
  } catch {
    // A figure is a report, never a reason for a test to fail.
  }
}
