import { basename, join, resolve } from 'node:path'
import type { RuntimeExecutionConfig } from '../../../../shared/domain/execution-config'
import { isInside } from '../../packs/pack-loader-files'

/** What the action runs: a file in the pack, or inline code. */
export type ActionSource =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'inline'; readonly code: string }

/** Inputs of {@link resolveActionSource}. */
export interface SourceInputs {
  readonly packDir: string
  readonly entryPoint: string
  /** `<pack_dir>/actions/<entry_point>` when the executor found it. */
  readonly codePath: string | null
  readonly code: string | null
  /** Lower-case runtime name (`shell`, `python`). */
  readonly runtimeName: string
}

/**
 * Where the action's code comes from (spec §5.2, §5.4): the given file; else inline code; else
 * `<pack_dir>/actions/<entry_point>` if it exists; else, for the `shell` runtime, the entry point text
 * itself as inline code. A path leaving `actions/` is never used as a file. Null means "No executable content found".
 */
export function resolveActionSource(inputs: SourceInputs, fileExists: (path: string) => boolean): ActionSource | null {
  if (inputs.codePath !== null) return { kind: 'file', path: inputs.codePath }
  if (inputs.code !== null) return { kind: 'inline', code: inputs.code }
  const fallback = join(inputs.packDir, 'actions', inputs.entryPoint)
  // Never a file outside actions/ (`../../etc/passwd`): the workbench's own guard, beyond the worker.
  const inside = isInside(join(inputs.packDir, 'actions'), resolve(inputs.packDir, 'actions', inputs.entryPoint))
  if (inputs.entryPoint !== '' && inside && fileExists(fallback)) return { kind: 'file', path: fallback }
  if (inputs.runtimeName.toLowerCase() === 'shell' && inputs.entryPoint.trim() !== '') return { kind: 'inline', code: inputs.entryPoint }
  return null
}

/** How inline code runs (spec §1.8 `inline_execution`). */
export interface InlinePlan {
  readonly strategy: 'direct' | 'temp_file'
  /** The temp file's extension with its leading dot, or ''. */
  readonly extension: string
  readonly injectShellHelpers: boolean
}

/** The inline settings of a config, defaults applied. Helpers apply only with `temp_file`. */
export function inlinePlan(config: RuntimeExecutionConfig): InlinePlan {
  const inline = config.inline_execution ?? {}
  const strategy = inline.strategy ?? 'direct'
  const extension = inline.extension ? (inline.extension.startsWith('.') ? inline.extension : `.${inline.extension}`) : ''
  return { strategy, extension, injectShellHelpers: strategy === 'temp_file' && inline.inject_shell_helpers === true }
}

/** The argv of one run. */
export interface CommandLine {
  readonly executable: string
  readonly args: readonly string[]
}

/**
 * The command of spec §5.4: a file runs as `<interpreter> <interpreter.args…> <file>`; inline `direct` code
 * as `<interpreter> -c <code>`; inline `temp_file` code as a file at `scriptPath`. Without an interpreter
 * (native) the file itself is executed.
 */
export function commandLine(interpreter: string | null, interpreterArgs: readonly string[], script: { readonly path: string } | { readonly inlineCode: string }): CommandLine {
  if ('inlineCode' in script) {
    if (interpreter === null) throw new Error('inline code needs an interpreter')
    return { executable: interpreter, args: ['-c', script.inlineCode] }
  }
  if (interpreter === null) return { executable: script.path, args: [] }
  return { executable: interpreter, args: [...interpreterArgs, script.path] }
}

/**
 * The command log line of spec §5.4 / scenario 29: names and counts, never values.
 * `executable=python3, argument_count=2, environment_override_count=7`.
 */
export function commandSummary(command: CommandLine, environmentOverrideCount: number): string {
  return `executable=${basename(command.executable)}, argument_count=${command.args.length}, environment_override_count=${environmentOverrideCount}`
}
