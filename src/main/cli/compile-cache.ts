import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import Module from 'node:module'
import { basename, dirname, join, sep } from 'node:path'
import { Script } from 'node:vm'

/** What a cache did in this process (the tests read it). */
export interface CompileCacheStats {
  /** Files whose compiled code came from the cache. */
  readonly hits: number
  /** Files compiled from source: no cache yet, or one V8 refused (another Node version or flags). */
  readonly misses: number
}

export interface CompileCache {
  stats(): CompileCacheStats
  /** Write the compiled code of the files compiled from source (done at exit). */
  flush(): void
  /** Stop serving files from the cache (the tests). */
  dispose(): void
}

type Compile = (this: NodeModule, content: string, filename: string) => unknown

/**
 * Keep V8's compiled code of the CLI's bundle (`bundleDir`) in `cacheDir` between commands. Compiling the
 * bundle's chunks is a third of what a command costs over Node's own start (about 20 ms of 60): the engine's
 * code, zod's and yaml's, parsed again by every process. Node 22 does this with `module.enableCompileCache`,
 * which is used where it exists; Node 20 (the CLI's floor) lacks it, so there the bundle's files are compiled
 * through `vm.Script` with V8's cached data, as Node 22 does inside. A file's cache entry is named by its
 * identity (size, mtime, inode: a rebuilt chunk is a new entry); V8 itself refuses data from another Node
 * or other flags, and the file is then compiled from source and its entry written again. The data is
 * written at exit, once the command has run, so it holds the functions the command compiled as it went.
 * `NODE_DISABLE_COMPILE_CACHE` turns it off, as it does Node's own.
 */
export function enableCompileCache(bundleDir: string, cacheDir: string, env: Readonly<Record<string, string | undefined>> = process.env): CompileCache | null {
  if (env.NODE_DISABLE_COMPILE_CACHE) return null
  if (typeof Module.enableCompileCache === 'function') {
    Module.enableCompileCache(cacheDir)
    return null
  }
  const prototype = Module.prototype as unknown as { _compile: Compile }
  const original = prototype._compile
  const inside = bundleDir.endsWith(sep) ? bundleDir : bundleDir + sep
  const unwritten: { readonly script: Script; readonly file: string }[] = []
  let hits = 0
  let misses = 0
  const compile: Compile = function (content, filename) {
    const file = filename.startsWith(inside) ? entryFor(cacheDir, filename) : null
    if (file === null) return original.call(this, content, filename)
    let cachedData: Buffer | undefined
    try {
      cachedData = readFileSync(file)
    } catch {
      // No entry yet.
    }
    // The function Node wraps every CommonJS file in.
    const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${content}\n});`, { filename, cachedData })
    if (cachedData === undefined || script.cachedDataRejected === true) {
      misses++
      unwritten.push({ script, file })
    } else {
      hits++
    }
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown
    return wrapper.call(this.exports, this.exports, Module.createRequire(filename), this, filename, dirname(filename))
  }
  prototype._compile = compile
  const flush = (): void => {
    if (unwritten.length === 0) return
    try {
      mkdirSync(cacheDir, { recursive: true, mode: 0o700 })
      for (const { script, file } of unwritten.splice(0)) {
        // Whole or not at all: another command may be reading the entry now.
        const partial = `${file}.${process.pid}.tmp`
        writeFileSync(partial, script.createCachedData(), { mode: 0o600 })
        renameSync(partial, file)
      }
    } catch {
      // A read-only install: commands compile from source, as without the cache.
    }
  }
  process.once('exit', flush)
  return {
    stats: () => ({ hits, misses }),
    flush,
    dispose: () => {
      if (prototype._compile === compile) prototype._compile = original
      process.removeListener('exit', flush)
    }
  }
}

/** The cache entry of one file of the bundle: a changed file (rebuilt, replaced) has a new one; null when it cannot be read. */
function entryFor(cacheDir: string, filename: string): string | null {
  const stats = statSync(filename, { throwIfNoEntry: false })
  return stats === undefined ? null : join(cacheDir, `${basename(filename)}-${stats.size}-${stats.mtimeMs}-${stats.ino}.v8`)
}
