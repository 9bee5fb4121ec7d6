#!/usr/bin/env node
'use strict'
// `npm run rebuild:electron` (and, where the Electron binary is present, `npm install` and `npm start`):
// build better-sqlite3 for the Electron main process into native/, beside the Node build in
// node_modules that the CLI, `serve` and the tests keep using. src/main/core/store/native-binding.ts
// loads it when process.versions.electron is set.
//
//   --print-path   print where the build goes and stop
//   --if-missing   do nothing when a working build is there
//   --optional     a failed build says why in one line but exits 0 (npm install must not fail on it)
//
// Exit 0 when the build is there (or skipped for want of an Electron binary), 1 with one line saying why not.
const { spawnSync } = require('node:child_process')
const { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } = require('node:fs')
const { tmpdir } = require('node:os')
const { dirname, join } = require('node:path')
const { electronBinary, electronVersion } = require('./electron-binary')

const root = join(__dirname, '..')
const args = new Set(process.argv.slice(2))
const version = electronVersion(root)
// Keep in step with electronBindingFile() in src/main/core/store/native-binding.ts (a test compares them).
const target = join(root, 'native', `electron-${version}-${process.platform}-${process.arch}`, 'better_sqlite3.node')

if (args.has('--print-path')) {
  process.stdout.write(`${target}\n`)
  process.exit(0)
}
const binary = electronBinary(root)
if (!binary) {
  process.stdout.write(`better-sqlite3 for Electron ${version}: skipped, the Electron binary is not installed here (npm start serves the browser host instead).\n`)
  process.exit(0)
}
if (args.has('--if-missing') && loadsInElectron(target)) process.exit(0)

// The trap of toolchain notes §3: npm exports npm_config_nodedir (the machine's nodedir=/usr), and a
// build started with it compiles against Node's headers while reporting success for Electron.
const env = { ...process.env }
for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_nodedir') delete env[key]

const work = mkdtempSync(join(tmpdir(), 'attune-electron-sqlite-'))
try {
  // A copy of the package, so node_modules/better-sqlite3/build (the Node build) is never touched.
  const source = dirname(require.resolve('better-sqlite3/package.json', { paths: [root] }))
  const copy = join(work, 'better-sqlite3')
  cpSync(source, copy, { recursive: true, filter: (path) => !path.startsWith(join(source, 'build')) && !path.startsWith(join(source, 'node_modules')) })
  const built = join(copy, 'build', 'Release', 'better_sqlite3.node')
  const electronFlags = ['--runtime=electron', `--target=${version}`, `--arch=${process.arch}`]
  const attempts = [
    // A prebuilt binary for this Electron, when GitHub is reachable (seconds).
    [require.resolve('prebuild-install/bin.js', { paths: [source] }), '--runtime', 'electron', '--target', version, '--arch', process.arch],
    // Else compile against Electron's headers (about a minute).
    [nodeGyp(), 'rebuild', '--release', ...electronFlags, '--dist-url=https://electronjs.org/headers']
  ]
  let failure = ''
  for (const attempt of attempts) {
    const result = spawnSync(process.execPath, attempt, { cwd: copy, env, encoding: 'utf8' })
    if (result.status === 0 && existsSync(built)) {
      failure = ''
      break
    }
    failure = reasonOf(`${result.stderr}${result.stdout}`) || `exit ${result.status}`
  }
  if (failure) fail(failure)
  if (!loadsInElectron(built)) fail('the build does not load in Electron (it was compiled for another ABI)')
  mkdirSync(dirname(target), { recursive: true })
  cpSync(built, target)
  process.stdout.write(`better-sqlite3 for Electron ${version}: built at ${target}\n`)
} finally {
  rmSync(work, { recursive: true, force: true })
}

/** Whether Electron (as plain Node, no window) can load the addon. */
function loadsInElectron(file) {
  if (!existsSync(file)) return false
  const result = spawnSync(binary, ['-e', `require(${JSON.stringify(file)})`], { env: { ...env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8', timeout: 60_000 })
  return result.status === 0
}

/** npm's own node-gyp (npm run exports its path; else beside the npm that ships with this Node). */
function nodeGyp() {
  if (process.env.npm_config_node_gyp) return process.env.npm_config_node_gyp
  const bundled = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')
  return existsSync(bundled) ? bundled : require.resolve('node-gyp/bin/node-gyp.js')
}

/** Why a build step failed, in a few words: the network, else the tool's own error line. */
function reasonOf(output) {
  if (/network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|fetch failed|getaddrinfo/.test(output)) {
    return "Electron's headers and prebuilt binaries cannot be downloaded from here"
  }
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean)
  const error = lines.find((line) => /ERR! stack Error:|^Error:|error:/i.test(line))
  return (error ?? lines.pop() ?? '').replace(/^gyp ERR! stack /, '').slice(0, 300)
}

function fail(why) {
  process.stdout.write(`better-sqlite3 for Electron ${version} could not be built (${why}); the desktop app needs it: run "npm run rebuild:electron" where Electron's headers can be downloaded.\n`)
  rmSync(work, { recursive: true, force: true })
  process.exit(args.has('--optional') ? 0 : 1)
}
