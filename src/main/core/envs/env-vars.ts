import type { EnvVarSpec } from '../../../shared/domain/execution-config'
import { resolveTemplate } from './env-template'

/** Prefix of names no runtime may set (spec §1.8). */
const RESERVED_PREFIX = 'ATTUNE_'

/** What {@link applyEnvVars} produced. */
export interface AppliedEnvVars {
  readonly env: Record<string, string>
  /** Reserved `ATTUNE_*` names that were skipped (the worker warns about each). */
  readonly skipped: string[]
}

/**
 * Merge a runtime's `env_vars` into `base` (spec §1.8): values are templated, `set` replaces, `prepend`
 * and `append` join with the current value using the separator (default `:`), and `ATTUNE_*` names are
 * skipped. `base` is not modified.
 */
export function applyEnvVars(
  base: Readonly<Record<string, string>>,
  specs: Readonly<Record<string, EnvVarSpec>>,
  vars: Readonly<Record<string, string>>
): AppliedEnvVars {
  const env: Record<string, string> = { ...base }
  const skipped: string[] = []
  for (const [name, spec] of Object.entries(specs)) {
    if (name.startsWith(RESERVED_PREFIX)) {
      skipped.push(name)
      continue
    }
    const { value, operation = 'set', separator = ':' } = typeof spec === 'string' ? { value: spec } : spec
    const resolved = resolveTemplate(value, vars)
    const existing = env[name] ?? ''
    switch (operation) {
      case 'set':
        env[name] = resolved
        break
      case 'prepend':
        env[name] = joinValues(resolved, existing, separator)
        break
      case 'append':
        env[name] = joinValues(existing, resolved, separator)
        break
      default:
        assertNever(operation)
    }
  }
  return { env, skipped }
}

/** spec §1.8: empty sides are dropped, so a prepend to an unset variable leaves no stray separator. */
export function joinValues(first: string, second: string, separator: string): string {
  if (first === '') return second
  if (second === '') return first
  return `${first}${separator}${second}`
}

function assertNever(value: never): never {
  throw new Error(`unexpected env var operation ${String(value)}`)
}
