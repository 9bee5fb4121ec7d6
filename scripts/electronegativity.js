#!/usr/bin/env node
'use strict'
// `npm run electronegativity`: Doyensec's Electronegativity over the Electron code (src/main/electron,
// src/preload and the renderer's index.html, scanned together so the global checks see the whole app)
// and over the built app (out/). Fails on any finding above LOW severity that the committed allowlist
// (.electronegativity-allow.json) does not explain with a reason, on an allowlist entry without a
// reason, and on a file the tool could not parse (it would have been left unchecked).
const { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } = require('node:fs')
const { tmpdir } = require('node:os')
const { join, relative } = require('node:path')
const electronegativity = require('@doyensec/electronegativity')
const { version: electronVersion } = require('electron/package.json')

const root = join(__dirname, '..')
/** What is scanned: one run per target, over a staged copy of its parts (tests left out). */
const TARGETS = [
  { name: 'Electron sources', parts: ['src/main/electron', 'src/preload', 'src/renderer/index.html'] },
  { name: 'built app', parts: ['out/main', 'out/preload', 'out/renderer'] }
]
// Fetches Electron's release list over the network; the Electron version is pinned in package.json.
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck']
const ABOVE_LOW = new Set(['MEDIUM', 'HIGH'])
const ALLOWLIST_FILE = '.electronegativity-allow.json'

function readAllowlist() {
  const file = join(root, ALLOWLIST_FILE)
  if (!existsSync(file)) return []
  const entries = JSON.parse(readFileSync(file, 'utf8')).findings
  if (!Array.isArray(entries)) throw new Error(`${ALLOWLIST_FILE}: expected {"findings": [{"id", "file", "reason"}...]}`)
  return entries
}

/**
 * An allowlist entry matches a finding by check id and file (a path relative to the repository; `*` stands
 * for any run of characters but `/`, for the content hash in a bundled chunk's name). A file the tool could
 * not parse is the finding `UNPARSED`.
 */
function explains(entry, finding) {
  return entry.id === finding.id && (entry.file === undefined || fileMatches(entry.file, finding.file))
}

function fileMatches(pattern, file) {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')
  return new RegExp(`^${escaped}$`).test(file)
}

async function scan(target) {
  const stage = mkdtempSync(join(tmpdir(), 'electronegativity-'))
  try {
    for (const part of target.parts) {
      cpSync(join(root, part), join(stage, part), { recursive: true, filter: (source) => !/\.test\.tsx?$/.test(source) })
    }
    return await scanStaged(stage)
  } finally {
    rmSync(stage, { recursive: true, force: true })
  }
}

async function scanStaged(stage) {
  const result = await electronegativity({
    input: stage,
    customScan: [],
    excludeFromScan: EXCLUDED_CHECKS.map((name) => name.toLowerCase()),
    severitySet: 'informational',
    confidenceSet: 'tentative',
    isRelative: false,
    isVerbose: false,
    electronVersionOverride: electronVersion,
    parserPlugins: []
  })
  const findings = result.issues.map((issue) => ({
    id: issue.id,
    file: issue.file === 'N/A' ? 'N/A' : relative(stage, issue.file),
    line: issue.location.line,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    description: issue.description,
    manualReview: issue.manualReview === true
  }))
  const errors = result.errors.map((error) => ({ file: relative(stage, error.file), message: error.message, tolerable: error.tolerable }))
  return { findings, errors, checks: result.globalChecks + result.atomicChecks }
}

async function main() {
  const allowlist = readAllowlist()
  const problems = []
  for (const entry of allowlist) {
    if (typeof entry.id !== 'string' || typeof entry.reason !== 'string' || entry.reason.trim().length < 20) {
      problems.push(`${ALLOWLIST_FILE}: entry ${JSON.stringify(entry)} needs an id and a written reason`)
    }
  }
  const used = new Set()
  let total = 0
  for (const target of TARGETS) {
    const missing = target.parts.filter((part) => !existsSync(join(root, part)))
    if (missing.length > 0) {
      problems.push(`${missing.join(', ')} missing${missing.some((part) => part.startsWith('out/')) ? ' (run npm run build first)' : ''}`)
      continue
    }
    const { findings, errors, checks } = await scan(target)
    process.stdout.write(`\n${target.name} (${target.parts.join(', ')}): ${checks} checks, ${findings.length} findings\n`)
    for (const error of errors) {
      const line = `  could not parse ${error.file}: ${error.message}`
      const entry = error.tolerable ? undefined : allowlist.find((candidate) => explains(candidate, { id: 'UNPARSED', file: error.file }))
      if (entry) used.add(entry)
      process.stdout.write(`${line}${error.tolerable ? ' (tolerated by the tool)' : entry ? ` — allowed: ${entry.reason}` : ''}\n`)
      if (!error.tolerable && !entry) problems.push(line.trim())
    }
    for (const finding of findings) {
      total++
      const entry = allowlist.find((candidate) => explains(candidate, finding))
      if (entry) used.add(entry)
      const mark = !ABOVE_LOW.has(finding.severity) ? 'low' : entry ? 'allowed' : 'FAIL'
      process.stdout.write(`  [${mark}] ${finding.severity}/${finding.confidence} ${finding.id} ${finding.file}:${finding.line}${entry ? ` — ${entry.reason}` : ''}\n`)
      if (mark === 'FAIL') problems.push(`${finding.severity} ${finding.id} at ${finding.file}:${finding.line}: ${finding.description} (fix it, or explain it in ${ALLOWLIST_FILE})`)
    }
  }
  for (const entry of allowlist) if (!used.has(entry)) process.stdout.write(`note: ${ALLOWLIST_FILE} entry ${entry.id} ${entry.file ?? ''} matched nothing; remove it if it is stale\n`)
  process.stdout.write(`\n${total} findings in the ${TARGETS.map((target) => target.name).join(' and the ')}; ${problems.length} unexplained above LOW severity or unparsed\n`)
  for (const problem of problems) process.stdout.write(`  ${problem}\n`)
  process.exitCode = problems.length === 0 ? 0 : 1
}

main().catch((error) => {
  process.stderr.write(`electronegativity failed to run: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exitCode = 1
})
