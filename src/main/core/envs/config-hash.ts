import { createHash } from 'node:crypto'
import type { RuntimeExecutionConfig } from '../../../shared/domain/execution-config'

/**
 * A digest of the parts of a config that shape an env on disk: the interpreter binary, `environment`,
 * `dependencies` and `env_vars` (which setup commands see). Interpreter args, file extensions and inline
 * execution settings change how actions run, not the env, so they are left out. Key order is irrelevant.
 */
export function configHash(config: RuntimeExecutionConfig): string {
  const relevant = {
    binary: config.interpreter?.binary ?? '',
    environment: config.environment ?? null,
    dependencies: config.dependencies ?? null,
    env_vars: config.env_vars ?? {}
  }
  return createHash('sha256').update(stableJson(relevant)).digest('hex')
}

/** JSON with object keys sorted at every level. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** Lowercase hex SHA-256 of some bytes: the form of the deps marker (spec §4.4). */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}
