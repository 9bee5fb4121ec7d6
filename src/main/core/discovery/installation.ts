import type { InterpreterSource } from '../../../shared/domain/runtime'

/** The interpreter families discovery knows how to find and probe. */
export type InterpreterFamily = 'python' | 'node'

/** Where an installation was found: every interpreter source but a config's own absolute path. */
export type InstallationSource = Exclude<InterpreterSource, 'absolute'>

/**
 * Sources in the order they are scanned and ranked.
 *
 * PATH comes first because it is what a worker host would run; a path seen by several sources keeps
 * the first one.
 */
export const SOURCE_ORDER: readonly InstallationSource[] = [
  'path',
  'system',
  'pyenv',
  'asdf',
  'mise',
  'nvm',
  'fnm',
  'volta',
  'uv',
  'homebrew'
]

/** Families in the order an inventory lists them. */
export const FAMILY_ORDER: readonly InterpreterFamily[] = ['python', 'node']

/** One interpreter executable whose version was read by running it. */
export interface Installation {
  readonly family: InterpreterFamily
  /** Full version as a semver string, e.g. "3.12.1", "20.20.2", "3.13.0-rc.1". */
  readonly version: string
  /** Absolute path as found (may be a symlink). */
  readonly path: string
  /** `path` with every symlink resolved. */
  readonly realPath: string
  readonly source: InstallationSource
  /** Where it came from, for people, e.g. "pyenv version 3.12.1 under /home/u/.pyenv". */
  readonly detail: string
}

/** A candidate that is not an installation, and why. */
export interface SkippedCandidate {
  readonly path: string
  readonly reason: string
}

/** Everything discovery found on the machine. */
export interface Inventory {
  readonly installations: readonly Installation[]
  readonly skipped: readonly SkippedCandidate[]
}
