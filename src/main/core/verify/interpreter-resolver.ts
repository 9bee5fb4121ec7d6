import { existsSync } from 'node:fs'
import { dirname } from 'node:path'
import type { InterpreterSource } from '../../../shared/domain/runtime'
import { findOnPathSync, type InterpreterFamily, type Inventory } from '../discovery'
import { runtimeVersionMatchesWorker } from '../versions'

/** Where a configured interpreter command points on this machine, and why. */
export interface ResolvedInterpreter {
  /** The command as configured (`python3.12`, `/bin/bash`). */
  readonly command: string
  readonly path: string | null
  readonly source: InterpreterSource | null
  readonly detail: string | null
  /** Why `path` is null. */
  readonly reason: string | null
}

const FAMILY_LABEL: Readonly<Record<InterpreterFamily, string>> = { python: 'Python', node: 'Node.js' }

/**
 * Resolves a runtime version's bare interpreter command to an executable.
 *
 * PATH first (shim folders skipped: a pyenv shim of an inactive version exits 127), as a worker host
 * would run it. When the command is not on PATH, an installation of the same family whose version
 * matches the registered one (spec §2.5, newest helper) stands in for it, highest version first.
 */
export class InterpreterResolver {
  constructor(
    private readonly inventory: Inventory,
    private readonly pathValue: string,
    private readonly exists: (path: string) => boolean = existsSync
  ) {}

  resolve(command: string, family: InterpreterFamily | null, registeredVersion: string | null): ResolvedInterpreter {
    if (command === '') return { command, path: null, source: null, detail: null, reason: 'no interpreter is configured' }
    if (command.includes('/') || command.includes('\\')) {
      return this.exists(command)
        ? { command, path: command, source: 'absolute', detail: 'absolute path from the runtime config', reason: null }
        : { command, path: null, source: null, detail: null, reason: `${command} does not exist` }
    }
    const onPath = findOnPathSync(command, this.pathValue, { skipShims: true })
    if (onPath) return { command, path: onPath, source: 'path', detail: `${command} on PATH (${dirname(onPath)})`, reason: null }
    if (family && registeredVersion) {
      const standIn = this.inventory.installations.find(
        (installation) => installation.family === family && runtimeVersionMatchesWorker(registeredVersion, installation.version)
      )
      if (standIn) {
        return {
          command,
          path: standIn.path,
          source: standIn.source,
          detail: `${standIn.detail}; stands in for ${command}, which is not on PATH`,
          reason: null
        }
      }
      return {
        command,
        path: null,
        source: null,
        detail: null,
        reason: `${this.notOnPath(command)} and no ${FAMILY_LABEL[family]} ${registeredVersion} installation was found (searched PATH, pyenv, asdf, mise, nvm, fnm, volta, uv, Homebrew)`
      }
    }
    return { command, path: null, source: null, detail: null, reason: this.notOnPath(command) }
  }

  /** "X is not on PATH", naming a shim that was passed over so nobody wonders why `which` finds one. */
  private notOnPath(command: string): string {
    const shim = findOnPathSync(command, this.pathValue, { skipShims: false })
    return shim ? `${command} is not on PATH (${shim} is a version-manager shim, which is never used)` : `${command} is not on PATH`
  }
}
