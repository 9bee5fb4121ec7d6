import type { EnvVarSpec, RuntimeExecutionConfig } from '../../../shared/domain/execution-config'
import { describeType, isRecord } from './yaml-fields'

/** A problem found while reading a config, relative to the config's own field path. */
export interface ConfigIssue {
  /** The full dotted field, e.g. `versions[0].execution_config.environment.env_type`. */
  readonly field: string
  /** The same field relative to the config (`['environment', 'env_type']`), to find its line. */
  readonly path: readonly string[]
  readonly message: string
  readonly severity: 'error' | 'warning'
}

/** Reserved prefix (spec §1.8): case-sensitive, rejected by pack validation. */
export const RESERVED_ENV_PREFIX = 'ATTUNE_'

/**
 * Read an `execution_config` mapping the way the worker deserializes `RuntimeExecutionConfig`.
 *
 * Spec §1.8: when the JSON does not deserialize, the worker silently uses the default config (`{}`).
 * The workbench does the same so a run behaves identically, but says so, naming the field.
 * Reserved `ATTUNE_*` env vars are dropped and reported as errors (pack validation rejects them).
 */
export function readExecutionConfig(value: unknown, field: string): { config: RuntimeExecutionConfig; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = []
  if (value === undefined || value === null) return { config: {}, issues }
  const shapeErrors: { path: string[]; message: string }[] = []
  const check = (ok: boolean, path: string, expected: string, actual: unknown): void => {
    if (!ok) shapeErrors.push({ path: splitPath(path), message: `must be ${expected}, found ${describeType(actual)}` })
  }
  if (!isRecord(value)) {
    return {
      config: {},
      issues: [{ field, path: [], severity: 'error', message: `must be a mapping, found ${describeType(value)}; treated as {}` }]
    }
  }
  const { interpreter, inline_execution: inline, environment, dependencies, env_vars: envVars } = value
  if (interpreter !== undefined) {
    check(isRecord(interpreter), 'interpreter', 'a mapping', interpreter)
    if (isRecord(interpreter)) {
      optional(interpreter.binary, isString, 'interpreter.binary', 'text')
      optional(interpreter.args, isStringList, 'interpreter.args', 'a list of text')
      optional(interpreter.file_extension, isStringOrNull, 'interpreter.file_extension', 'text')
    }
  }
  if (inline !== undefined) {
    check(isRecord(inline), 'inline_execution', 'a mapping', inline)
    if (isRecord(inline)) {
      optional(inline.strategy, (v) => v === 'direct' || v === 'temp_file', 'inline_execution.strategy', "'direct' or 'temp_file'")
      optional(inline.extension, isStringOrNull, 'inline_execution.extension', 'text')
      optional(inline.inject_shell_helpers, (v) => typeof v === 'boolean', 'inline_execution.inject_shell_helpers', 'true or false')
    }
  }
  if (environment !== undefined && environment !== null) {
    check(isRecord(environment), 'environment', 'a mapping', environment)
    if (isRecord(environment)) {
      check(isString(environment.env_type), 'environment.env_type', 'text (it is required when environment is present)', environment.env_type)
      optional(environment.dir_name, isString, 'environment.dir_name', 'text')
      optional(environment.create_command, isStringList, 'environment.create_command', 'a list of text')
      optional(environment.interpreter_path, isStringOrNull, 'environment.interpreter_path', 'text or null')
    }
  }
  if (dependencies !== undefined && dependencies !== null) {
    check(isRecord(dependencies), 'dependencies', 'a mapping', dependencies)
    if (isRecord(dependencies)) {
      check(isString(dependencies.manifest_file), 'dependencies.manifest_file', 'text (it is required when dependencies is present)', dependencies.manifest_file)
      optional(dependencies.install_command, isStringList, 'dependencies.install_command', 'a list of text')
    }
  }
  const keptEnvVars: Record<string, EnvVarSpec> = {}
  if (envVars !== undefined) {
    check(isRecord(envVars), 'env_vars', 'a mapping of names to values', envVars)
    if (isRecord(envVars)) {
      for (const [name, spec] of Object.entries(envVars)) {
        if (!isEnvVarSpec(spec)) {
          check(false, `env_vars.${name}`, "text or {value, operation: set|prepend|append, separator}", spec)
          continue
        }
        if (name.startsWith(RESERVED_ENV_PREFIX)) {
          issues.push({
            field: `${field}.env_vars.${name}`,
            path: ['env_vars', name],
            severity: 'error',
            message: `names starting with ${RESERVED_ENV_PREFIX} are reserved for the worker; this variable is ignored`
          })
          continue
        }
        keptEnvVars[name] = spec
      }
    }
  }
  if (shapeErrors.length > 0) {
    for (const { path, message } of shapeErrors) {
      issues.push({
        field: [field, ...path].join('.'),
        path,
        severity: 'error',
        message: `${message}; like the worker, the whole ${field} is ignored (treated as {})`
      })
    }
    return { config: {}, issues }
  }
  const config = { ...value } as Record<string, unknown>
  if (envVars !== undefined) config.env_vars = keptEnvVars
  return { config: config as RuntimeExecutionConfig, issues }

  function optional(v: unknown, ok: (v: unknown) => boolean, path: string, expected: string): void {
    if (v !== undefined) check(ok(v), path, expected, v)
  }
}

/** `env_vars.PATH.X` → [env_vars, PATH.X]: an env var name is one segment even with dots in it. */
function splitPath(path: string): string[] {
  return path.startsWith('env_vars.') ? ['env_vars', path.slice('env_vars.'.length)] : path.split('.')
}

function isString(value: unknown): value is string {
  return typeof value === 'string'
}

function isStringOrNull(value: unknown): boolean {
  return value === null || typeof value === 'string'
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every(isString)
}

function isEnvVarSpec(value: unknown): value is EnvVarSpec {
  if (typeof value === 'string') return true
  if (!isRecord(value) || typeof value.value !== 'string') return false
  const { operation, separator } = value
  if (operation !== undefined && operation !== 'set' && operation !== 'prepend' && operation !== 'append') return false
  return separator === undefined || typeof separator === 'string'
}
