import type { InterpreterFamily } from './installation'

const PYTHON_NAME = /^python(?:\d(?:\.\d+)?)?$/
const VERSIONED_PYTHON_NAME = /^python\d\.\d+$/
const NODE_NAME = /^(?:node|nodejs|node\d+)$/

/**
 * The family of an executable judged by its file name alone, or null when it is not an interpreter.
 *
 * Accepts `python`, `python3`, `python3.12` (and the Python 2 equivalents), `node`, `nodejs` and
 * `node20`; on win32 only with an `.exe` suffix. `python3.12-config` and friends are not interpreters.
 */
export function familyOfExecutable(fileName: string, platform: NodeJS.Platform): InterpreterFamily | null {
  const base = stripExe(fileName, platform)
  if (base === null) return null
  if (PYTHON_NAME.test(base)) return 'python'
  if (NODE_NAME.test(base)) return 'node'
  return null
}

/**
 * Pick the interpreter to probe inside a Python installation's bin folder.
 *
 * A versioned name (`python3.12`) is the installation's own binary; `python3` and `python` are the
 * fallbacks for layouts that ship only those (PyPy, some uv builds).
 */
export function pickPythonExecutable(fileNames: readonly string[], platform: NodeJS.Platform): string | null {
  const bases = new Map<string, string>()
  for (const name of fileNames) {
    const base = stripExe(name, platform)
    if (base !== null) bases.set(base, name)
  }
  const versioned = [...bases.keys()].filter((base) => VERSIONED_PYTHON_NAME.test(base)).sort(byVersionDescending)
  const chosen = versioned[0] ?? (bases.has('python3') ? 'python3' : bases.has('python') ? 'python' : undefined)
  return chosen === undefined ? null : (bases.get(chosen) ?? null)
}

/** The file name of the Node.js executable on this platform. */
export function nodeExecutableName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'node.exe' : 'node'
}

function stripExe(fileName: string, platform: NodeJS.Platform): string | null {
  if (platform !== 'win32') return fileName
  return fileName.toLowerCase().endsWith('.exe') ? fileName.slice(0, -4).toLowerCase() : null
}

function byVersionDescending(a: string, b: string): number {
  const parts = (name: string): number[] => name.slice('python'.length).split('.').map(Number)
  const [aMajor = 0, aMinor = 0] = parts(a)
  const [bMajor = 0, bMinor = 0] = parts(b)
  return bMajor - aMajor || bMinor - aMinor
}
