import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeTestCatalog } from '../../../../test-support/runtime-machine'
import { openDatabaseSync, type Db } from '../store/database'
import { RuntimeRepository } from '../store/runtime-repository'
import { RuntimeVersionRepository } from '../store/runtime-version-repository'
import { SettingRepository } from '../store/setting-repository'
import { createTempDir, type TempDir } from '../store/test-support/temp-dir'
import { importCatalogSync, type CatalogImportDeps } from './catalog-import'
import { readRuntimeDirSync } from './catalog-loader'

let temp: TempDir
let db: Db
let catalog: string
let reads: number
let deps: CatalogImportDeps

beforeEach(() => {
  temp = createTempDir('attune-catalog-import-')
  db = openDatabaseSync(temp.path('home', 'workbench.db'))
  catalog = writeTestCatalog(temp.path('catalog'))
  // A broken file, so the remembered load problems are checked too.
  writeFileSync(temp.path('catalog', 'broken.yaml'), 'ref: [unclosed\n')
  reads = 0
  deps = {
    runtimes: new RuntimeRepository(db),
    versions: new RuntimeVersionRepository(db),
    settings: new SettingRepository(db),
    transaction: (fn) => db.transaction(fn)(),
    // The real loader, counted.
    read: (dir) => {
      reads++
      return readRuntimeDirSync(dir)
    }
  }
})
afterEach(() => {
  db.close()
  temp.dispose()
})

const runtimeName = (ref: string): string | undefined => new RuntimeRepository(db).findByRef(ref)?.name

describe('importCatalogSync', () => {
  it('parses and writes the catalog on a fresh home', () => {
    const first = importCatalogSync(catalog, deps)
    expect(first.imported).toBe(true)
    expect(reads).toBe(1)
    expect(runtimeName('core.python')).toBe('Python')
    expect(first.problems.map((p) => p.file)).toEqual([temp.path('catalog', 'broken.yaml')])
  })

  it('neither parses nor writes again while every catalog file is unchanged, and keeps its load problems', () => {
    const first = importCatalogSync(catalog, deps)
    // A row changed behind the loader's back stays as it is: proof that nothing was written.
    db.prepare("UPDATE runtime SET name = 'edited' WHERE ref = 'core.python'").run()
    const again = importCatalogSync(catalog, deps)
    expect(again.imported).toBe(false)
    expect(reads).toBe(1)
    expect(runtimeName('core.python')).toBe('edited')
    expect(again.problems).toEqual(first.problems)
  })

  it('imports again when a file is rewritten, even with the same size', () => {
    importCatalogSync(catalog, deps)
    const file = temp.path('catalog', 'python.yaml')
    const text = readFileSync(file, 'utf8')
    writeFileSync(file, text.replace('name: Python', 'name: Pythom'))
    // The same size; only the mtime tells.
    utimesSync(file, new Date(), new Date(Date.now() + 5_000))
    const again = importCatalogSync(catalog, deps)
    expect(again.imported).toBe(true)
    expect(reads).toBe(2)
    expect(runtimeName('core.python')).toBe('Pythom')
  })

  it('imports again when a file is added or removed', () => {
    importCatalogSync(catalog, deps)
    rmSync(temp.path('catalog', 'broken.yaml'))
    const removed = importCatalogSync(catalog, deps)
    expect(removed).toEqual({ imported: true, problems: [] })
    writeFileSync(temp.path('catalog', 'other.yml'), 'ref: [unclosed\n')
    const added = importCatalogSync(catalog, deps)
    expect(added.imported).toBe(true)
    expect(added.problems.map((p) => p.file)).toEqual([temp.path('catalog', 'other.yml')])
    expect(reads).toBe(3)
  })

  it('reports an unreadable folder every time instead of remembering it', () => {
    const missing = temp.path('no-such-catalog')
    expect(importCatalogSync(missing, deps).problems).toHaveLength(1)
    expect(importCatalogSync(missing, deps)).toMatchObject({ imported: true })
    expect(reads).toBe(2)
  })
})
