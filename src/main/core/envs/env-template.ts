import { join } from 'node:path'
import type { RuntimeExecutionConfig } from '../../../shared/domain/execution-config'

/** Inputs of {@link templateVars}. */
export interface TemplateInputs {
  readonly config: RuntimeExecutionConfig
  readonly packDir: string
  readonly envDir: string
  /** Whether the templated `environment.interpreter_path` exists on disk right now. */
  readonly envInterpreterExists: boolean
  /**
   * At run time the worker defines `env_dir` only when the effective config has an `environment`
   * (`process.rs`: `env_dir_opt` is None otherwise), so `{env_dir}` in its `env_vars` stays literal.
   * Setup commands always have it.
   */
  readonly envDirOnlyWithEnvironment?: boolean
}

/**
 * The placeholder values of spec §1.8: `pack_dir`, `env_dir`, `interpreter` (the env interpreter when it
 * exists, else `interpreter.binary`) and `manifest_path`, which is defined only when `dependencies` is.
 */
export function templateVars(inputs: TemplateInputs): Record<string, string> {
  const { config, packDir, envDir } = inputs
  const envInterpreter = envInterpreterPath(config, packDir, envDir)
  const vars: Record<string, string> = {
    pack_dir: packDir,
    interpreter: envInterpreter !== null && inputs.envInterpreterExists ? envInterpreter : (config.interpreter?.binary ?? '')
  }
  if (!inputs.envDirOnlyWithEnvironment || config.environment) vars.env_dir = envDir
  if (config.dependencies) vars.manifest_path = join(packDir, config.dependencies.manifest_file)
  return vars
}

/**
 * `environment.interpreter_path` with `{env_dir}` and `{pack_dir}` resolved (spec §4.3), or null when the
 * config names none (Node: such an env is never broken).
 */
export function envInterpreterPath(config: RuntimeExecutionConfig, packDir: string, envDir: string): string | null {
  const template = config.environment?.interpreter_path
  if (template === undefined || template === null || template === '') return null
  return resolveTemplate(template, { pack_dir: packDir, env_dir: envDir })
}

/**
 * Replace each `{name}` whose name is in `vars`; unknown placeholders stay as written (spec §1.8).
 *
 * One pass over the text, so a value that itself contains `{env_dir}` is not substituted again.
 */
export function resolveTemplate(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? (vars[name] as string) : whole
  )
}

/** {@link resolveTemplate} over every element of an argv. */
export function resolveArgv(argv: readonly string[], vars: Readonly<Record<string, string>>): string[] {
  return argv.map((arg) => resolveTemplate(arg, vars))
}
