import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Vitest global setup: fingerprint the machine's real interpreters before the run and check them
 * after. Tests write fake interpreters all the time; one written through a symlink into a real
 * installation would silently break the machine, so the run fails loudly instead.
 */
function interpreterFiles(): string[] {
  const candidates = ['/usr/bin/python3', '/usr/bin/node', '/usr/local/bin/node', '/usr/local/bin/python3']
  const pyenv = join(process.env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'versions')
  if (existsSync(pyenv)) {
    for (const version of readdirSync(pyenv)) {
      const bin = join(pyenv, version, 'bin')
      if (!existsSync(bin)) continue
      for (const name of readdirSync(bin)) if (/^(python3(\.\d+)?|node)$/.test(name)) candidates.push(join(bin, name))
    }
  }
  const real = new Set<string>()
  for (const candidate of candidates) {
    try {
      real.add(realpathSync(candidate))
    } catch {
      // Not on this machine.
    }
  }
  return [...real]
}

function fingerprint(): Map<string, string> {
  const prints = new Map<string, string>()
  for (const file of interpreterFiles()) prints.set(file, createHash('sha256').update(readFileSync(file)).digest('hex'))
  return prints
}

export default function setup(): () => void {
  const before = fingerprint()
  return () => {
    const after = fingerprint()
    const changed = [...before].filter(([file, hash]) => after.get(file) !== hash).map(([file]) => file)
    if (changed.length > 0) {
      throw new Error(`A test modified real interpreters on this machine: ${changed.join(', ')}. Fake interpreters must only be written inside temp dirs (unlink before writing over a path that may be a symlink).`)
    }
  }
}
