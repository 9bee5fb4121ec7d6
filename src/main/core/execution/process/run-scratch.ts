import { chmodSync, lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { WorkbenchError } from '../../errors'

/** A private folder for one run's files; {@link remove} deletes it and everything in it. */
export interface RunScratch {
  readonly dir: string
  readonly remove: () => Promise<void>
}

/**
 * A new private folder for one run inside `parent`: `mkdtemp` makes it 0700 with an unguessable name, so
 * another local user can neither pre-create it nor swap a file inside it between write and exec (issue 9
 * finding 2: a shared `<tmp>/attune/inline_actions` could be made world-writable by anyone).
 */
export async function openRunScratch(parent: string, executionId: string | number): Promise<RunScratch> {
  const safeId = String(executionId).replace(/[^A-Za-z0-9_-]/g, '_')
  const dir = await mkdtemp(join(parent, `attune-run-${safeId}-`))
  return { dir, remove: () => rm(dir, { recursive: true, force: true }).catch(() => undefined) }
}

/**
 * Make the engine's scratch folder (`<data home>/scratch`) private and empty, and return how many
 * leftovers were removed. Call only while holding the data home: one engine per home, so whatever is
 * inside was left by an engine that died mid-run (parameter files and inline scripts, secrets included).
 */
export function resetScratchSync(dir: string): number {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const stats = lstatSync(dir)
  // Made by someone else (a data home in a shared folder): its runs' secrets would not be private there.
  if (!stats.isDirectory() || (process.getuid !== undefined && stats.uid !== process.getuid())) {
    throw new WorkbenchError('environment', `${dir} is not a private folder of this user (a link, a file, or another user's); remove it or choose another data home`)
  }
  chmodSync(dir, 0o700)
  let removed = 0
  for (const entry of readdirSync(dir)) {
    rmSync(join(dir, entry), { recursive: true, force: true })
    removed++
  }
  return removed
}
