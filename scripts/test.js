#!/usr/bin/env node
'use strict'
// `npm test`: static checks, the build, Electronegativity, unit + integration tests (Vitest), and the browser
// end-to-end tests (Playwright) once e2e/ has specs. Ends with the plain line "N passed, N failed".
const { spawnSync } = require('node:child_process')
const { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } = require('node:fs')
const { join } = require('node:path')

const root = join(__dirname, '..')
const reports = join(root, 'reports')
mkdirSync(reports, { recursive: true })

let passed = 0
let failed = 0
const failures = []

function step(name, command, args, env = {}) {
  process.stdout.write(`\n=== ${name}\n`)
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  return result.status === 0
}

function check(name, command, args) {
  if (step(name, command, args)) passed++
  else {
    failed++
    failures.push(name)
  }
}

check('typecheck', 'npm', ['run', '-s', 'typecheck'])
check('lint', 'npm', ['run', '-s', 'lint'])
check('build', 'npx', ['electron-vite', 'build', '--logLevel', 'warn'])
check('electronegativity (Electron code and the built app)', 'npm', ['run', '-s', 'electronegativity'])

const vitestJson = join(reports, 'vitest.json')
const vitestOk = step('unit and integration tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`])
if (existsSync(vitestJson)) {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'))
  passed += report.numPassedTests
  failed += report.numFailedTests
  if (!vitestOk && report.numFailedTests === 0) {
    failed++
    failures.push('vitest (a suite failed to load)')
  }
} else {
  failed++
  failures.push('vitest (no report)')
}

const hasSpecs = existsSync(join(root, 'e2e')) && readdirSync(join(root, 'e2e')).some((f) => f.endsWith('.spec.ts'))
if (hasSpecs) {
  const pwJson = join(reports, 'playwright.json')
  const pwOk = step('end-to-end tests (playwright, chromium)', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson })
  if (existsSync(pwJson)) {
    const stats = JSON.parse(readFileSync(pwJson, 'utf8')).stats
    passed += stats.expected + stats.flaky
    failed += stats.unexpected
    if (!pwOk && stats.unexpected === 0) {
      failed++
      failures.push('playwright (run failed)')
    }
  } else {
    failed++
    failures.push('playwright (no report)')
  }
}

if (failures.length) process.stdout.write(`\nFailed: ${failures.join(', ')}\n`)
const line = `${passed} passed, ${failed} failed`
writeFileSync(join(reports, 'summary.txt'), `${line}\n`)
process.stdout.write(`\n${line}\n`)
process.exitCode = failed === 0 ? 0 : 1
