import { scalarText, singleQuote } from '../parameters/dotenv'

/**
 * The shell variable name of an input key (spec §5.6): every character outside `[A-Za-z0-9_]` becomes `_`,
 * a leading digit becomes `_`, and the empty key is `_`.
 */
export function shellIdentifier(key: string): string {
  if (key === '') return '_'
  return key.replace(/[^A-Za-z0-9_]/g, '_').replace(/^[0-9]/, '_')
}

/**
 * Inline shell code wrapped with parameter variables (`inline_execution.inject_shell_helpers`, spec §5.6).
 *
 * `#!/bin/bash`, `set -e`, then for each input key (sorted) two non-exported variables,
 * `PARAM_<IDENT uppercased>='v'` and `<IDENT>='v'`, then the code. Values: strings raw, numbers and booleans
 * as text, everything else as JSON, single-quoted. Nothing reaches the environment of child processes
 * unless the code exports it; the file holds secrets, so its caller writes it private and deletes it.
 */
export function wrapWithShellHelpers(inputs: Readonly<Record<string, unknown>>, code: string): string {
  const lines = ['#!/bin/bash', 'set -e']
  for (const key of Object.keys(inputs).sort()) {
    const ident = shellIdentifier(key)
    const value = singleQuote(scalarText(inputs[key] === undefined ? null : inputs[key]))
    lines.push(`PARAM_${ident.toUpperCase()}=${value}`, `${ident}=${value}`)
  }
  lines.push(code)
  return `${lines.join('\n')}\n`
}
