import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { WorkbenchError } from '../errors'
import { openDatabaseSync } from './database'
import { electronBindingFile, nativeBindingFor, nativeLoadProblem } from './native-binding'

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const SCRIPT = join(ROOT, 'scripts', 'electron-sqlite.js')
const ELECTRON_VERSION = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version

describe('the better-sqlite3 build a process loads', () => {
  it('is the default Node build in Node, and the Electron build in native/ in Electron', () => {
    expect(nativeBindingFor({ node: '20.19.0' }, () => '/app')).toBeUndefined()
    expect(nativeBindingFor({ node: '24.11.1', electron: '45.5.0' }, () => '/app')).toBe(join('/app', 'native', `electron-45.5.0-${process.platform}-${process.arch}`, 'better_sqlite3.node'))
  })

  it('is where scripts/electron-sqlite.js builds it', () => {
    const printed = spawnSync(process.execPath, [SCRIPT, '--print-path'], { encoding: 'utf8' })
    expect(printed.status).toBe(0)
    expect(printed.stdout.trim()).toBe(electronBindingFile(ROOT.replace(/\/$/, ''), ELECTRON_VERSION))
  })

  it('is skipped in one line where the Electron binary is missing', () => {
    const electronDir = join(ROOT, 'node_modules', 'electron')
    const hasBinary = existsSync(join(electronDir, 'path.txt')) && existsSync(join(electronDir, 'dist', readFileSync(join(electronDir, 'path.txt'), 'utf8').trim()))
    if (hasBinary) return // Where Electron is installed the script builds for real; the Electron e2e suite covers that.
    const env = { ...process.env }
    delete env.ELECTRON_OVERRIDE_DIST_PATH
    const run = spawnSync(process.execPath, [SCRIPT, '--if-missing', '--optional'], { encoding: 'utf8', env })
    expect(run.status).toBe(0)
    expect(run.stdout).toBe(`better-sqlite3 for Electron ${ELECTRON_VERSION}: skipped, the Electron binary is not installed here (npm start serves the browser host instead).\n`)
    expect(run.stderr).toBe('')
  })
})

describe('scripts/electron-sqlite.js where the build cannot be made', () => {
  it('says why in one line and leaves the Node build alone', () => {
    // An "Electron" that is really this Node: the script gets past its binary check and tries to build.
    const fake = mkdtempSync(join(tmpdir(), 'attune-fake-electron-'))
    try {
      writeFileSync(join(fake, 'electron'), `#!/bin/sh\nexec '${process.execPath}' "$@"\n`, { mode: 0o755 })
      const nodeBuild = join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
      const before = statSync(nodeBuild).mtimeMs
      // npm's nodedir trap is in the environment on purpose: the script must not build for Node with it.
      const run = spawnSync(process.execPath, [SCRIPT, '--optional'], { encoding: 'utf8', env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: fake, npm_config_nodedir: '/usr' }, timeout: 240_000 })
      expect(run.status).toBe(0)
      expect(run.stdout).toMatch(new RegExp(`^better-sqlite3 for Electron ${ELECTRON_VERSION.replace(/\./g, '\\.')} could not be built \\(.+\\); the desktop app needs it: run "npm run rebuild:electron" where Electron's headers can be downloaded\\.\\n$`))
      expect(statSync(nodeBuild).mtimeMs).toBe(before)
      expect(existsSync(electronBindingFile(ROOT.replace(/\/$/, ''), ELECTRON_VERSION))).toBe(false)
    } finally {
      rmSync(fake, { recursive: true, force: true })
    }
  }, 300_000)
})

describe('a native module that does not load', () => {
  const node = { versions: { node: '20.19.0' }, root: '/src/aw' }
  const electron = { versions: { node: '24.11.1', electron: '45.5.0' }, root: '/src/aw', binding: '/src/aw/native/x/better_sqlite3.node' }
  const mismatch = Object.assign(
    new Error(
      "The module '/src/aw/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\nNODE_MODULE_VERSION 150. Please try re-compiling or re-installing\nthe module (for instance, using `npm rebuild` or `npm install`)."
    ),
    { code: 'ERR_DLOPEN_FAILED' }
  )

  it('names the command that fixes an ABI mismatch, for Electron and for Node', () => {
    expect(nativeLoadProblem(mismatch, electron)).toEqual(
      new WorkbenchError('environment', 'The desktop app cannot load its SQLite module (better-sqlite3) for Electron 45.5.0: the build found is for another ABI. Run "npm run rebuild:electron" in /src/aw, then start the app again.')
    )
    expect(nativeLoadProblem(mismatch, node)?.message).toBe('better-sqlite3 is built for another Node.js than this one (20.19.0). Run "npm run rebuild:node" in /src/aw, then run the command again.')
    expect(nativeLoadProblem(new Error('/x/better_sqlite3.node: invalid ELF header'), node)?.message).toContain('npm run rebuild:node')
  })

  it('says so when the Electron build has not been made, and leaves other errors alone', () => {
    const missing = Object.assign(new Error(`Cannot find module '${electron.binding}'`), { code: 'MODULE_NOT_FOUND' })
    expect(nativeLoadProblem(missing, electron)?.message).toContain(`its Electron build ${electron.binding} has not been made. Run "npm run rebuild:electron"`)
    expect(nativeLoadProblem(Object.assign(new Error("Cannot find module 'other'"), { code: 'MODULE_NOT_FOUND' }), electron)).toBeNull()
    expect(nativeLoadProblem(new Error('SQLITE_BUSY: database is locked'), node)).toBeNull()
  })
})

describe('openDatabaseSync in the Electron main process', () => {
  let dir: string | null = null
  afterEach(() => {
    Reflect.deleteProperty(process.versions, 'electron')
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('loads Electron’s own build and, where it is missing, fails with one line naming the fix', () => {
    dir = mkdtempSync(join(tmpdir(), 'attune-native-'))
    Object.defineProperty(process.versions, 'electron', { value: '45.5.0', configurable: true, enumerable: true })
    let error: unknown
    try {
      openDatabaseSync(join(dir, 'workbench.db')).close()
    } catch (caught) {
      error = caught
    }
    // Here no Electron build exists (no Electron headers offline), so the attempt to load it is the proof.
    if (existsSync(electronBindingFile(ROOT.replace(/\/$/, ''), '45.5.0'))) return
    expect(error).toBeInstanceOf(WorkbenchError)
    expect((error as WorkbenchError).kind).toBe('environment')
    expect((error as Error).message).toMatch(/^The desktop app cannot load its SQLite module \(better-sqlite3\) for Electron 45\.5\.0: its Electron build .*native\/electron-45\.5\.0-.*better_sqlite3\.node has not been made\. Run "npm run rebuild:electron" in /)
  })
})
