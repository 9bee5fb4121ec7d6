import type { RuntimeExecutionConfig } from '../../../shared/domain/execution-config'

/**
 * The config with a bare interpreter command replaced by the absolute path discovery resolved for it.
 *
 * The catalog names commands (`python3.12`) that may not be on this machine's PATH under that name;
 * `interpreter.binary` and every argv element of `create_command` and `install_command` that equals
 * `bare` exactly become `absolutePath`. Placeholders such as `{interpreter}` and other commands (`sh`,
 * `npm`) are left alone. Returns a new config; the input is not modified.
 */
export function withResolvedInterpreter(config: RuntimeExecutionConfig, bare: string, absolutePath: string): RuntimeExecutionConfig {
  if (bare === '') return config
  const swap = (argv: readonly string[] | undefined): readonly string[] | undefined =>
    argv?.map((arg) => (arg === bare ? absolutePath : arg))
  const { interpreter, environment, dependencies } = config
  return {
    ...config,
    ...(interpreter && { interpreter: { ...interpreter, ...(interpreter.binary === bare && { binary: absolutePath }) } }),
    ...(environment && {
      environment: { ...environment, ...(environment.create_command && { create_command: swap(environment.create_command) }) }
    }),
    ...(dependencies && {
      dependencies: { ...dependencies, ...(dependencies.install_command && { install_command: swap(dependencies.install_command) }) }
    })
  }
}
