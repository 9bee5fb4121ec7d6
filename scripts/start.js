#!/usr/bin/env node
'use strict'
// `npm start`: build, then open the Electron app; where the Electron binary cannot be had, say so
// in one line and start the browser host instead.
const { spawn, spawnSync } = require('node:child_process')
const { existsSync, readFileSync } = require('node:fs')
const { dirname, join } = require('node:path')

const root = join(__dirname, '..')
const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json', { paths: [root] }))
    if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron')
    const pathFile = join(dir, 'path.txt')
    if (!existsSync(pathFile)) return null
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
    return existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

const binary = electronBinary()
const child = binary
  ? spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
  : (process.stdout.write('The Electron binary is not installed on this machine; starting the browser host instead.\n'),
    spawn(process.execPath, [join(root, 'bin', 'attune-workbench.js'), 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' }))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
