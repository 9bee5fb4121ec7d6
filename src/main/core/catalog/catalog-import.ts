import { readdirSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { fileIdentitySync } from '../discovery/file-identity'
import type { RuntimeRepository } from '../store/runtime-repository'
import type { RuntimeVersionRepository } from '../store/runtime-version-repository'
import { applyRuntimeDefinitions, readRuntimeDirSync, RUNTIME_FILE_NAME } from './catalog-loader'
import type { LoadProblem } from './problems'

/** The setting that remembers which catalog files were imported last, and what their load problems were. */
export const CATALOG_IMPORT_KEY = 'catalog.imported'

/**
 * Bump when what an import writes changes for the same files (the loader's mapping of a YAML file to
 * rows): a home imported by an older engine then imports again once.
 */
const IMPORT_FORMAT = 1

export interface CatalogImportDeps {
  readonly runtimes: RuntimeRepository
  readonly versions: RuntimeVersionRepository
  readonly settings: { get(key: string): string | null; set(key: string, value: string): void }
  transaction<T>(fn: () => T): T
  /** Reads and parses the folder; the loader's by default. */
  readonly read?: typeof readRuntimeDirSync
}

export interface CatalogImport {
  readonly problems: LoadProblem[]
  /** False when the files were the ones imported last: nothing was parsed or written. */
  readonly imported: boolean
}

interface Remembered {
  readonly format: number
  readonly identity: string
  readonly problems: LoadProblem[]
}

/**
 * Bring the catalog rows in step with the runtime folder (spec §1.11 loader semantics), skipping the parse
 * and the writes when every file is the one imported last: same names, and per file the same resolved path,
 * size, mtime and inode (the identity the probe cache trusts). Any change re-imports the whole folder.
 */
export function importCatalogSync(dir: string, deps: CatalogImportDeps): CatalogImport {
  const identity = catalogIdentitySync(dir)
  const remembered = identity === null ? null : readRemembered(deps.settings.get(CATALOG_IMPORT_KEY))
  if (remembered !== null && remembered.format === IMPORT_FORMAT && remembered.identity === identity) {
    return { problems: remembered.problems, imported: false }
  }
  const { definitions, problems } = (deps.read ?? readRuntimeDirSync)(dir)
  deps.transaction(() => {
    applyRuntimeDefinitions(deps, definitions, 'catalog')
    if (definitions.length > 0) deps.runtimes.retireMissing({ origin: 'catalog' }, definitions.map((d) => d.ref))
    // An unreadable folder is never remembered: it is read (and its problem reported) every time.
    if (identity !== null) deps.settings.set(CATALOG_IMPORT_KEY, JSON.stringify({ format: IMPORT_FORMAT, identity, problems } satisfies Remembered))
  })
  return { problems, imported: true }
}

/** The folder's runtime files by name with their identities, as one comparable string; null when unreadable. */
function catalogIdentitySync(dir: string): string | null {
  try {
    const names = readdirSync(dir)
      .filter((name) => RUNTIME_FILE_NAME.test(name))
      .sort()
    return JSON.stringify([realpathSync(dir), names.map((name) => [name, fileIdentitySync(join(dir, name))])])
  } catch {
    return null
  }
}

function readRemembered(text: string | null): Remembered | null {
  if (text === null) return null
  try {
    const value = JSON.parse(text) as Partial<Remembered>
    return typeof value.identity === 'string' && Array.isArray(value.problems) && typeof value.format === 'number' ? (value as Remembered) : null
  } catch {
    return null
  }
}
