import type { RuntimeView } from './runtime'

/** What a runtime's base config is on this machine: the interpreter its verification ran and the version it printed. */
export interface BaseConfigFacts {
  /** The command's program name (`python3` for `/usr/bin/python3 --version`). */
  readonly interpreter: string
  /** The first dotted version in its output (`3.11.2` for `Python 3.11.2`), or null when it printed none. */
  readonly version: string | null
}

const DOTTED_VERSION = /\d+(?:\.\d+)+/

/**
 * The base config's interpreter and version, read from the runtime-level verification (spec §3.5): the command
 * that runs when no version is selected. Null when the runtime was not verified by a command (always available,
 * not verified yet) or the command failed.
 */
export function baseConfigFacts(runtime: Pick<RuntimeView, 'available' | 'verification'>): BaseConfigFacts | null {
  const verification = runtime.verification
  if (!runtime.available || !verification?.command || !verification.matched) return null
  const program = verification.command.trim().split(/\s+/)[0] ?? ''
  const interpreter = program.split(/[\\/]/).pop() ?? ''
  if (interpreter === '') return null
  return { interpreter, version: DOTTED_VERSION.exec(verification.output)?.[0] ?? null }
}

/** "base config: python3 = 3.11.2" (or plain "base config" when the machine's base config is not known). */
export function baseConfigLabel(runtime: Pick<RuntimeView, 'available' | 'verification'> | undefined): string {
  const facts = runtime ? baseConfigFacts(runtime) : null
  if (!facts) return 'base config'
  return facts.version ? `base config: ${facts.interpreter} = ${facts.version}` : `base config: ${facts.interpreter}`
}
