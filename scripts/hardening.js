#!/usr/bin/env node
'use strict'
// `npm run hardening`: run the hardening tests (*.hardening.test.ts) and print the figures they measured.
const { spawnSync } = require('node:child_process')
const { existsSync, readdirSync, readFileSync, rmSync } = require('node:fs')
const { join } = require('node:path')

const root = join(__dirname, '..')
const figuresDir = join(root, 'reports', 'hardening')
rmSync(figuresDir, { recursive: true, force: true })
const run = spawnSync('npx', ['vitest', 'run', 'hardening'], { cwd: root, stdio: 'inherit' })
const figures = existsSync(figuresDir)
  ? readdirSync(figuresDir)
      .filter((file) => file.endsWith('.json'))
      .map((file) => JSON.parse(readFileSync(join(figuresDir, file), 'utf8')))
      .sort((a, b) => a.name.localeCompare(b.name))
  : []
const width = Math.max(10, ...figures.map((f) => f.name.length))
process.stdout.write('\nHardening figures\n')
for (const figure of figures) process.stdout.write(`  ${figure.name.padEnd(width)}  ${String(figure.value).padStart(8)}  ${figure.detail}\n`)
if (figures.length === 0) process.stdout.write('  (no figures recorded)\n')
process.exitCode = run.status ?? 1
