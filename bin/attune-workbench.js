#!/usr/bin/env node
'use strict'
// The CLI is built with the app (npm install runs the build); say how to fix a checkout without it.
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const built = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(built)) {
  process.stderr.write(`error: ${built} is missing; run "npm run build" in ${join(__dirname, '..')}\n`)
  process.exit(3)
}
require(built)
