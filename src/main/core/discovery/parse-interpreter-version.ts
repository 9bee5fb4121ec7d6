import { parseStrictSemver } from '../versions/strict-semver'
import { formatCrateVersion } from '../versions/semver-crate/crate-types'
import type { InterpreterFamily } from './installation'

const PYTHON_LINE = /^\s*Python (\d+)\.(\d+)\.(\d+)(?:(a|b|rc)(\d+))?\+?(?:\s|$)/
const NODE_LINE = /^\s*v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)(?:\+[0-9A-Za-z.-]+)?\s*$/
const PYTHON_PRERELEASE: Readonly<Record<string, string>> = { a: 'alpha', b: 'beta', rc: 'rc' }

/**
 * Read the full version from an interpreter's `--version` output.
 *
 * Returns a semver string so versions sort and match constraints with ordinary semver precedence:
 * - Python: "Python 3.12.1" → "3.12.1"; pre-releases become semver pre-releases
 *   ("3.13.0rc1" → "3.13.0-rc.1", "3.14.0a1" → "3.14.0-alpha.1", "b2" → "beta.2"), which rank below
 *   the final release exactly as Python's own ordering does; the "+" of a build from a source checkout is
 *   dropped. Python 2 prints to stderr, so pass stdout and stderr together.
 * - Node.js: "v20.20.2" → "20.20.2"; pre-release tags are kept ("v22.0.0-nightly2024…"), build metadata
 *   is dropped.
 *
 * The first line that looks like a version wins, so warnings printed before it do no harm. Returns null
 * when no line does (a two-part "Python 3.12" included: the full version is the point).
 */
export function parseInterpreterVersion(family: InterpreterFamily, output: string): string | null {
  for (const line of output.split(/\r?\n/)) {
    const version = family === 'python' ? pythonVersion(line) : nodeVersion(line)
    if (version !== null) return version
  }
  return null
}

function pythonVersion(line: string): string | null {
  const match = PYTHON_LINE.exec(line)
  if (!match) return null
  const [, major, minor, patch, stage, serial] = match
  const base = `${major}.${minor}.${patch}`
  const text = stage && serial ? `${base}-${PYTHON_PRERELEASE[stage]}.${serial}` : base
  return strict(text)
}

function nodeVersion(line: string): string | null {
  const match = NODE_LINE.exec(line)
  return match?.[1] ? strict(match[1]) : null
}

// The worker's own `Version::parse`, so an inventory version is one the worker could parse.
function strict(text: string): string | null {
  const parsed = parseStrictSemver(text)
  return parsed.ok ? formatCrateVersion(parsed.version) : null
}
