/** An `env_vars` entry: a plain string is short for `{ value, operation: 'set' }` (spec §1.8). */
export type EnvVarSpec =
  | string
  | { readonly value: string; readonly operation?: 'set' | 'prepend' | 'append'; readonly separator?: string }

/** Attune's `RuntimeExecutionConfig` (spec §1.8); every key optional, `{}` means native or direct exec. */
export interface RuntimeExecutionConfig {
  readonly interpreter?: {
    readonly binary?: string
    readonly args?: readonly string[]
    readonly file_extension?: string | null
  }
  readonly inline_execution?: {
    readonly strategy?: 'direct' | 'temp_file'
    readonly extension?: string | null
    readonly inject_shell_helpers?: boolean
  }
  readonly environment?: {
    readonly env_type: string
    readonly dir_name?: string
    readonly create_command?: readonly string[]
    readonly interpreter_path?: string | null
  } | null
  readonly dependencies?: {
    readonly manifest_file: string
    readonly install_command?: readonly string[]
  } | null
  readonly env_vars?: Readonly<Record<string, EnvVarSpec>>
}

/** One probe of `distributions.verification.commands[]` (spec §1.9). */
export interface VerificationCommandSpec {
  readonly binary: string
  readonly args: readonly string[]
  readonly exitCode: number
  readonly pattern: string | null
  readonly priority: number
}
