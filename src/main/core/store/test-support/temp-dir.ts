import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fresh temporary folder for one test; `dispose` removes it and everything in it. */
export interface TempDir {
  readonly dir: string
  path(...parts: string[]): string
  dispose(): void
}

export function createTempDir(prefix = 'attune-store-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return {
    dir,
    path: (...parts) => join(dir, ...parts),
    dispose: () => rmSync(dir, { recursive: true, force: true })
  }
}
