'use strict'
// Where the Electron binary is, without requiring 'electron' (that would start its lazy download):
// toolchain notes §1. Shared by start.js and electron-sqlite.js.
const { existsSync, readFileSync } = require('node:fs')
const { dirname, join } = require('node:path')

/** The Electron executable, or null where it was never downloaded. */
function electronBinary(root) {
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

/** The Electron version the checkout depends on. */
function electronVersion(root) {
  return JSON.parse(readFileSync(require.resolve('electron/package.json', { paths: [root] }), 'utf8')).version
}

module.exports = { electronBinary, electronVersion }
