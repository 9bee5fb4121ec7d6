import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { PackProblem } from '../../../shared/domain/pack'
import { createTempDir, type TempDir } from '../store/test-support/temp-dir'
import { loadPackSync, type PackDefinition } from './pack-loader'
import { createRunnerResolver } from './runner-type'

/** The core catalog's runtimes, as far as runner_type resolution is concerned. */
export const CORE_RUNNERS = createRunnerResolver([
  { ref: 'core.go', name: 'Go' },
  { ref: 'core.java', name: 'Java' },
  { ref: 'core.native', name: 'Native' },
  { ref: 'core.nodejs', name: 'Node.js' },
  { ref: 'core.perl', name: 'Perl' },
  { ref: 'core.python', name: 'Python' },
  { ref: 'core.r', name: 'R' },
  { ref: 'core.ruby', name: 'Ruby' },
  { ref: 'core.shell', name: 'Shell' }
])

/** A pack folder in a temp dir, for tests. `pack` is the pack folder; the temp dir around it is free for "outside" files. */
export interface TestPack {
  readonly temp: TempDir
  /** The pack folder (`<temp>/pack`). */
  readonly dir: string
  /** Absolute path inside the pack folder. */
  path(...parts: string[]): string
  /** Write a file inside the pack, creating folders. */
  write(relative: string, content: string | Buffer): string
  /** Create a symlink inside the pack pointing at `target` (absolute, or relative to the link's folder). */
  link(relative: string, target: string): string
  /** Load the pack; fails the test when the loader returns `error`. */
  load(): PackDefinition
  /** Load the pack, expecting `error`. */
  loadError(): PackProblem
  dispose(): void
}

/** A new pack `demo` with a valid pack.yaml (pass `null` to leave it out). */
export function createTestPack(packYaml: string | null = 'ref: demo\nlabel: Demo\nversion: "1.0.0"\n'): TestPack {
  const temp = createTempDir('attune-pack-')
  mkdirSync(temp.path('pack'))
  const dir = realpathSync(temp.path('pack'))
  const path = (...parts: string[]): string => join(dir, ...parts)
  const write = (relative: string, content: string | Buffer): string => {
    const file = path(relative)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, content)
    return file
  }
  if (packYaml !== null) write('pack.yaml', packYaml)
  return {
    temp,
    dir,
    path,
    write,
    link(relative, target) {
      const file = path(relative)
      mkdirSync(dirname(file), { recursive: true })
      symlinkSync(target, file)
      return file
    },
    load() {
      const result = loadPackSync(dir, CORE_RUNNERS)
      if ('error' in result) throw new Error(`expected a pack, got an error: ${JSON.stringify(result.error)}`)
      return result
    },
    loadError() {
      const result = loadPackSync(dir, CORE_RUNNERS)
      if (!('error' in result)) throw new Error(`expected an error, got a pack with ${result.actions.length} actions`)
      return result.error
    },
    dispose: () => temp.dispose()
  }
}
