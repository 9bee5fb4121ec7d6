import { randomBytes } from 'node:crypto'
import { cp, readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { METADATA_FILE, SETUP_HOME_DIR, envSiblings } from './env-layout'
import { readMetadataSync } from './env-records'
import { isDirectorySync } from './fs-probes'

/**
 * Move a working env out of the way before a rebuild: one rename within its parent (atomic on one
 * filesystem), so a failed build can put the very same files back.
 */
export async function moveAside(envDir: string): Promise<string> {
  const previous = envSiblings(envDir).previousDir(randomBytes(6).toString('hex'))
  await rename(envDir, previous)
  return previous
}

/**
 * Undo {@link moveAside}: drop whatever the failed build left at `envDir` and rename the old env back.
 * `reclaimSetupHome`: the build had borrowed the old env's setup HOME (see {@link cloneForUpdate}).
 */
export async function restorePrevious(envDir: string, previous: string, reclaimSetupHome: boolean): Promise<void> {
  if (reclaimSetupHome) await moveSetupHomeBack(envDir, previous)
  await rm(envDir, { recursive: true, force: true })
  await rename(previous, envDir)
}

/**
 * Copy a moved-aside env back to its own path so dependencies can be installed into the copy (spec §4.4
 * installs incrementally into the existing env). Venvs and node_modules embed their absolute path, which
 * stays valid because the copy lives at the original path. Symlinks are copied as links. The setup
 * HOME (tool caches, possibly large) is moved instead of copied and moved back on failure.
 */
export async function cloneForUpdate(previous: string, envDir: string): Promise<{ movedSetupHome: boolean }> {
  await cp(previous, envDir, {
    recursive: true,
    verbatimSymlinks: true,
    preserveTimestamps: true,
    errorOnExist: true,
    force: false,
    filter: (source) => source !== join(previous, SETUP_HOME_DIR) && source !== join(previous, METADATA_FILE)
  })
  if (!isDirectorySync(join(previous, SETUP_HOME_DIR))) return { movedSetupHome: false }
  await rename(join(previous, SETUP_HOME_DIR), join(envDir, SETUP_HOME_DIR))
  return { movedSetupHome: true }
}

/**
 * Clean up after a build that was interrupted (crash, kill) between moving the old env aside and
 * finishing: if the env at `envDir` was completed (it has a build record) the leftovers go; otherwise the
 * partial env goes and the old one comes back. Returns what was done, for the log.
 */
export async function recoverInterruptedBuild(envDir: string): Promise<string | null> {
  const { parent, previousPrefix } = envSiblings(envDir)
  let names: string[]
  try {
    names = (await readdir(parent)).filter((name) => name.startsWith(previousPrefix))
  } catch {
    return null
  }
  if (names.length === 0) return null
  const leftovers = await Promise.all(
    names.map(async (name) => ({ path: join(parent, name), mtimeMs: (await stat(join(parent, name)).catch(() => null))?.mtimeMs ?? 0 }))
  )
  leftovers.sort((a, b) => b.mtimeMs - a.mtimeMs)
  const completed = isDirectorySync(envDir) && readMetadataSync(envDir) !== null
  const [newest, ...older] = leftovers
  for (const leftover of older) await rm(leftover.path, { recursive: true, force: true })
  if (newest === undefined) return null
  if (completed) {
    await rm(newest.path, { recursive: true, force: true })
    return `removed ${newest.path}, left by an interrupted build that had completed`
  }
  // Whether the setup HOME had been borrowed is unknown after a crash; take it back if the old env lacks one.
  await restorePrevious(envDir, newest.path, true)
  return `restored the previous env from ${newest.path}, left by an interrupted build`
}

async function moveSetupHomeBack(envDir: string, previous: string): Promise<void> {
  const moved = join(envDir, SETUP_HOME_DIR)
  const home = join(previous, SETUP_HOME_DIR)
  if (isDirectorySync(moved) && !isDirectorySync(home)) await rename(moved, home).catch(() => undefined)
}
