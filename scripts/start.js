#!/usr/bin/env node
'use strict'
// `npm start`: build, then open the Electron app; where the Electron binary cannot be had, say so
// in one line and start the browser host instead.
const { spawn, spawnSync } = require('node:child_process')
const { join } = require('node:path')
const { electronBinary } = require('./electron-binary')

const root = join(__dirname, '..')
const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

// The app's own better-sqlite3 build (for Electron's ABI) is made now if npm install could not; where
// it cannot be built, the browser host (on Node's build) serves the same UI instead.
const binary = electronBinary(root)
const native = binary ? spawnSync(process.execPath, [join(__dirname, 'electron-sqlite.js'), '--if-missing'], { cwd: root, stdio: 'inherit' }) : null
const child = binary && native?.status === 0
  ? spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
  : (process.stdout.write(binary ? 'Starting the browser host instead.\n' : 'The Electron binary is not installed on this machine; starting the browser host instead.\n'),
    spawn(process.execPath, [join(root, 'bin', 'attune-workbench.js'), 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' }))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
