import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { enableCompileCache } from './compile-cache'

const TSX_LOADER = new URL('../../../node_modules/tsx/dist/loader.mjs', import.meta.url).href
const MODULE = fileURLToPath(new URL('./compile-cache.ts', import.meta.url))

describe('compile cache of the CLI bundle', () => {
  let root: string
  let bundle: string
  let cacheDir: string

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'attune-compile-cache-'))
    bundle = join(root, 'bundle')
    cacheDir = join(bundle, '.compile-cache')
    writeFileSync(join(root, 'outside.js'), 'module.exports = "outside"\n')
    mkdirSync(join(bundle, 'chunks'), { recursive: true })
    writeFileSync(join(bundle, 'chunks', 'helper.js'), '"use strict";\nexports.twice = (n) => n * 2;\n')
    writeChunk('one')
  })

  afterEach(() => {
    rmSync(root, { recursive: true, force: true })
  })

  /** The bundle's entry: requires a sibling chunk and a builtin, and says where it is. */
  function writeChunk(word: string): void {
    writeFileSync(
      join(bundle, 'main.js'),
      `"use strict";\nconst { twice } = require("./chunks/helper.js");\nconst { sep } = require("node:path");\nmodule.exports = { word: "${word}", four: twice(2), sep, file: __filename, dir: __dirname, self: module.id };\n`
    )
  }

  /**
   * One CLI process, as bin/attune-workbench.js starts it: the cache enabled on the bundle, its entry required,
   * what it exported and what the cache did printed, the cache written at exit. (A process of its own: within
   * one process V8 keeps compiled code in memory and never looks at the cached data again.)
   */
  function run(file = join(bundle, 'main.js')): { value: unknown; hits: number; misses: number } {
    const script = [
      `import { createRequire } from 'node:module'`,
      `import { enableCompileCache } from ${JSON.stringify(MODULE)}`,
      `const cache = enableCompileCache(${JSON.stringify(bundle)}, ${JSON.stringify(cacheDir)}, {})`,
      `if (cache === null) throw new Error('this Node has module.enableCompileCache: the fallback is not used')`,
      `const value = createRequire(${JSON.stringify(file)})(${JSON.stringify(file)})`,
      `process.stdout.write(JSON.stringify({ value, ...cache.stats() }))`
    ].join('\n')
    const child = join(root, 'child.mts')
    writeFileSync(child, script)
    return JSON.parse(execFileSync(process.execPath, ['--import', TSX_LOADER, child], { encoding: 'utf8' })) as { value: unknown; hits: number; misses: number }
  }

  it('compiles a file of the bundle once, then serves it from the cache, with require, __filename and __dirname as Node gives them', () => {
    const first = run()
    expect(first).toMatchObject({ hits: 0, misses: 2 })
    expect(first.value).toEqual({ word: 'one', four: 4, sep: '/', file: join(bundle, 'main.js'), dir: bundle, self: join(bundle, 'main.js') })
    expect(readdirSync(cacheDir).sort()).toEqual([expect.stringMatching(/^helper\.js-\d+-[\d.]+-\d+\.v8$/), expect.stringMatching(/^main\.js-\d+-[\d.]+-\d+\.v8$/)])
    const second = run()
    expect(second).toMatchObject({ hits: 2, misses: 0 })
    expect(second.value).toEqual(first.value)
  })

  it('runs a changed file from its new source, even at the same length (V8 itself checks only the length)', () => {
    run()
    writeChunk('two')
    utimesSync(join(bundle, 'main.js'), new Date(), new Date(Date.now() + 5000))
    const changed = run()
    expect(changed.value).toMatchObject({ word: 'two' })
    expect(changed).toMatchObject({ hits: 1, misses: 1 })
    expect(run()).toMatchObject({ hits: 2, misses: 0, value: { word: 'two' } })
  })

  it('compiles from source when V8 refuses the data, and writes the entry again', () => {
    run()
    const entry = readdirSync(cacheDir).find((name) => name.startsWith('main.js-')) as string
    writeFileSync(join(cacheDir, entry), Buffer.from('not code'))
    expect(run()).toMatchObject({ hits: 1, misses: 1, value: { word: 'one', four: 4 } })
    expect(run()).toMatchObject({ hits: 2, misses: 0 })
  })

  it('leaves files outside the bundle to Node', () => {
    expect(run(join(root, 'outside.js'))).toMatchObject({ hits: 0, misses: 0, value: 'outside' })
  })

  it('is off with NODE_DISABLE_COMPILE_CACHE, as Node’s own is', () => {
    expect(enableCompileCache(bundle, cacheDir, { NODE_DISABLE_COMPILE_CACHE: '1' })).toBeNull()
  })
})
