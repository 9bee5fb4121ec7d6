import { existsSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import type { RuntimeExecutionConfig } from '../../../../shared/domain/execution-config'
import { findOnPathSync } from '../../discovery/find-on-path'
import { hasEnvironment } from '../../envs/env-spec'
import { envInterpreterPath } from '../../envs/env-template'
import { interpreterStateSync, isDirectorySync } from '../../envs/fs-probes'

/** Builds or repairs an env on demand (spec §5.3 step 4); supplied by the caller, may throw. */
export type PrepareEnv = (config: RuntimeExecutionConfig, envDir: string) => Promise<void>

/** Inputs of {@link resolveInterpreter}. */
export interface InterpreterInputs {
  readonly actionRef: string
  readonly packDir: string
  /** The selected version's config, or null for the base config. */
  readonly versionConfig: RuntimeExecutionConfig | null
  readonly versionEnvDir: string | null
  readonly baseConfig: RuntimeExecutionConfig
  readonly baseEnvDir: string
  /** PATH of the baseline environment: where bare interpreter names are looked up ([newest] §5.3 step 6). */
  readonly baselinePath: string
  readonly prepareEnv?: PrepareEnv
}

/** The config a run uses and its interpreter. */
export interface ResolvedInterpreter {
  readonly config: RuntimeExecutionConfig
  readonly envDir: string
  /** Whether the env's own interpreter exists (for the `{interpreter}` placeholder). */
  readonly envInterpreterExists: boolean
  /** Absolute path of the interpreter to spawn; null for a native action (no `interpreter.binary`). */
  readonly interpreter: string | null
  /** Why the base config is used although a version config was given; null otherwise. */
  readonly fallback: string | null
}

/** A usable interpreter, or the setup error; `warnings` name what was worked around either way. */
export type InterpreterResolution =
  | { readonly ok: true; readonly value: ResolvedInterpreter; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: string; readonly warnings: readonly string[] }

/**
 * Pick the config and interpreter of one run (spec §5.3 steps 2–8).
 *
 * The version config first: its env is ensured lazily, then its interpreter must be available. If it is
 * not, the base config takes over in the VERSION's env dir, as the newest worker does (`process.rs`
 * `ProcessRuntime::execute`: the fallback sets `env_dir = base_env_dir`, and `base_env_dir` was computed
 * from the version's `runtime_env_dir_suffix`), and the reason is recorded in `fallback`. Still
 * unavailable → `Interpreter '<x>' is not available for action '<ref>' on this worker`.
 */
export async function resolveInterpreter(inputs: InterpreterInputs): Promise<InterpreterResolution> {
  const warnings: string[] = []
  if (inputs.versionConfig !== null) {
    const envDir = inputs.versionEnvDir ?? inputs.baseEnvDir
    const attempt = await attemptConfig(inputs, inputs.versionConfig, envDir, warnings)
    if (attempt.available) return { ok: true, value: { ...attempt.value, fallback: null }, warnings }
    const fallback = `interpreter '${attempt.value.interpreter ?? ''}' of the selected version is not available on this machine; the base runtime config runs instead (in the version's env dir, as the worker does)`
    warnings.push(fallback)
    const base = await attemptConfig(inputs, inputs.baseConfig, envDir, warnings)
    if (base.available) return { ok: true, value: { ...base.value, fallback }, warnings }
    return { ok: false, error: unavailable(base.value.interpreter, inputs.actionRef), warnings }
  }
  const base = await attemptConfig(inputs, inputs.baseConfig, inputs.baseEnvDir, warnings)
  if (base.available) return { ok: true, value: { ...base.value, fallback: null }, warnings }
  return { ok: false, error: unavailable(base.value.interpreter, inputs.actionRef), warnings }
}

interface Attempt {
  readonly available: boolean
  readonly value: Omit<ResolvedInterpreter, 'fallback'>
}

async function attemptConfig(inputs: InterpreterInputs, config: RuntimeExecutionConfig, envDir: string, warnings: string[]): Promise<Attempt> {
  await ensureEnv(inputs, config, envDir, warnings)
  const envInterpreter = envInterpreterPath(config, inputs.packDir, envDir)
  const envInterpreterExists = envInterpreter !== null && isDirectorySync(envDir) && existsSync(envInterpreter)
  const binary = config.interpreter?.binary ?? ''
  if (envInterpreterExists && envInterpreter !== null) {
    return { available: true, value: { config, envDir, envInterpreterExists, interpreter: envInterpreter } }
  }
  if (binary === '') return { available: true, value: { config, envDir, envInterpreterExists, interpreter: null } }
  const found = locateSync(binary, inputs.packDir, inputs.baselinePath)
  return { available: found !== null, value: { config, envDir, envInterpreterExists, interpreter: found ?? binary } }
}

/** spec §5.3 step 4: a missing env, or one whose interpreter is a dangling link, is (re)built first. */
async function ensureEnv(inputs: InterpreterInputs, config: RuntimeExecutionConfig, envDir: string, warnings: string[]): Promise<void> {
  if (!hasEnvironment(config) || inputs.prepareEnv === undefined || !isDirectorySync(inputs.packDir)) return
  const envInterpreter = envInterpreterPath(config, inputs.packDir, envDir)
  const missing = !isDirectorySync(envDir)
  const dangling = !missing && envInterpreter !== null && interpreterStateSync(envInterpreter).kind === 'dangling'
  if (!missing && !dangling) return
  try {
    await inputs.prepareEnv(config, envDir)
  } catch (error) {
    warnings.push(`environment setup for ${envDir} failed (${error instanceof Error ? error.message : String(error)}); continuing without it`)
  }
}

/** spec §5.3 step 6: a path must exist; a bare name must be found on the baseline PATH. */
function locateSync(binary: string, packDir: string, baselinePath: string): string | null {
  if (isAbsolute(binary) || /[\\/]/.test(binary)) {
    const path = resolve(packDir, binary)
    return existsSync(path) ? path : null
  }
  return findOnPathSync(binary, baselinePath)
}

function unavailable(interpreter: string | null, actionRef: string): string {
  return `Interpreter '${interpreter ?? ''}' is not available for action '${actionRef}' on this worker`
}
