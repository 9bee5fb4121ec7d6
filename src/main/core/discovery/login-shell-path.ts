import { randomUUID } from 'node:crypto'
import { runCommand } from '../commands/run-command'

/** Options for {@link readLoginShellPath}. */
export interface LoginShellPathOptions {
  /** The user's shell, usually `$SHELL`. */
  readonly shell: string
  /** The complete environment the shell starts with (HOME and USER at least, for its rc files). */
  readonly env: Readonly<Record<string, string>>
  readonly timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 3000
const MARKER_HEAD = '__ATTUNE_'

/**
 * Ask the user's interactive login shell for its PATH, or null when it fails, times out or prints none.
 *
 * An app launched from a desktop inherits a bare PATH; version managers add theirs in shell rc files
 * (DESIGN "Runtime versions on a developer's machine"). Those files may print anything, so the value is
 * printed between delimiters unique to this call and read from between them. A shell that printed the
 * whole delimited value and then lingered (an rc file that started something holding stdout) still
 * counts; one that never printed it yields null once `timeoutMs` has passed.
 */
export async function readLoginShellPath(options: LoginShellPathOptions): Promise<string | null> {
  if (options.shell === '') return null
  const id = randomUUID().replace(/-/g, '')
  const startTail = `PATH_START_${id}__`
  const endTail = `PATH_END_${id}__`
  // Each marker is printed in two halves so a shell that echoes its command line (set -x, verbose rc
  // files) cannot produce a whole marker by accident.
  const script = `printf '%s%s%s%s%s' '${MARKER_HEAD}' '${startTail}' "$PATH" '${MARKER_HEAD}' '${endTail}'`
  const result = await runCommand(options.shell, ['-ilc', script], {
    env: options.env,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  })
  if (result.spawnError !== null) return null
  return between(result.stdout, MARKER_HEAD + startTail, MARKER_HEAD + endTail)
}

function between(text: string, start: string, end: string): string | null {
  const from = text.indexOf(start)
  if (from === -1) return null
  const to = text.indexOf(end, from + start.length)
  if (to === -1) return null
  const value = text.slice(from + start.length, to)
  return value === '' ? null : value
}
