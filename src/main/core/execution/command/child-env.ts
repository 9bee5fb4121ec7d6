import type { EnvVarSpec } from '../../../../shared/domain/execution-config'
import type { ParameterDelivery, ParameterFormat } from '../../../../shared/domain/pack'
import { applyEnvVars } from '../../envs/env-vars'

/** Prefix of the names only the worker sets (spec §1.8). */
export const RESERVED_ENV_PREFIX = 'ATTUNE_'

/** Everything the action's environment is made of, in precedence order (spec §5.5 [newest]). */
export interface ChildEnvInputs {
  /** 1. The baseline allowlist (plus operator passthrough) captured at start; nothing else is inherited. */
  readonly baseline: Readonly<Record<string, string>>
  /** 2. The worker context (`ATTUNE_*`, see `buildContextEnv`). */
  readonly context: Readonly<Record<string, string>>
  /** 3. The effective runtime config's `env_vars`, templated with `templateVars`. */
  readonly runtimeEnvVars: Readonly<Record<string, EnvVarSpec>>
  readonly templateVars: Readonly<Record<string, string>>
  /** 4. Parameter-delivery metadata; `file` only for file delivery. */
  readonly delivery: { readonly mode: ParameterDelivery; readonly format: ParameterFormat; readonly file: string | null }
  /** 5. The execution's own `env_vars`: they override runtime values; `ATTUNE_*` keys are ignored. */
  readonly execution: Readonly<Record<string, string>>
}

/** The child environment and what was left out on the way. */
export interface ChildEnv {
  readonly env: Record<string, string>
  /** One line per ignored variable, naming it (never its value). */
  readonly warnings: readonly string[]
  /** How many variables differ from the baseline: the `environment_override_count` of the command log. */
  readonly overrideCount: number
}

/**
 * Build an action's environment (spec §5.5, newest precedence, later wins): baseline → worker context →
 * runtime `env_vars` (set/prepend/append against the value so far; `ATTUNE_*` skipped) → delivery metadata
 * → execution `env_vars` (`ATTUNE_*` ignored). A name or value that the OS cannot carry (NUL, or `=` in a
 * name) is dropped with a warning rather than failing the spawn.
 */
export function buildChildEnv(inputs: ChildEnvInputs): ChildEnv {
  const warnings: string[] = []
  const context = { ...inputs.baseline, ...inputs.context }
  const runtime = applyEnvVars(context, inputs.runtimeEnvVars, inputs.templateVars)
  for (const name of runtime.skipped) warnings.push(`runtime env_vars: '${name}' is reserved (ATTUNE_*) and was skipped`)
  const env: Record<string, string> = {
    ...runtime.env,
    ATTUNE_PARAMETER_DELIVERY: inputs.delivery.mode,
    ATTUNE_PARAMETER_FORMAT: inputs.delivery.format
  }
  if (inputs.delivery.file !== null) env.ATTUNE_PARAMETER_FILE = inputs.delivery.file
  for (const [name, value] of Object.entries(inputs.execution)) {
    if (name.startsWith(RESERVED_ENV_PREFIX)) {
      warnings.push(`execution env_vars: '${name}' is reserved (ATTUNE_*) and was ignored`)
      continue
    }
    env[name] = value
  }
  for (const [name, value] of Object.entries(env)) {
    if (name === '' || /[=\0]/.test(name) || value.includes('\0')) {
      delete env[name]
      warnings.push(`environment variable '${name.replace(/\0/g, '\\0')}' cannot be passed to a process (empty name, '=' or NUL) and was dropped`)
    }
  }
  const overrideCount = Object.entries(env).filter(([name, value]) => inputs.baseline[name] !== value).length
  return { env, warnings, overrideCount }
}
