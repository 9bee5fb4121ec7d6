import { existsSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'
import type { RuntimeExecutionConfig } from '../../../shared/domain/execution-config'
import { envInterpreterPath } from './env-template'

/** Everything the engine needs to inspect or build one env. */
export interface EnvSpec {
  readonly packRef: string
  /** Absolute pack folder; treated as read-only. */
  readonly packDir: string
  /** Runtime ref, e.g. `core.python`. */
  readonly runtimeRef: string
  /** Lower-cased runtime display name (`python`, `node.js`). */
  readonly runtimeName: string
  /** The registered version string of a version env, or null for the base env. */
  readonly version: string | null
  /** The effective config with bare interpreter commands already resolved (see `withResolvedInterpreter`). */
  readonly config: RuntimeExecutionConfig
  /** See `envDirFor`. */
  readonly envDir: string
  /** The absolute interpreter discovery resolved for this version (or the base binary); null to skip the check. */
  readonly expectedInterpreter: string | null
  /** The env's interpreter must report a version matching this (`3.12` matches 3.12.x); null to skip. */
  readonly expectedVersion: string | null
}

/** Whether the config defines an env to build: `environment` present and not `env_type: none` (spec §4.2). */
export function hasEnvironment(config: RuntimeExecutionConfig): boolean {
  return config.environment !== undefined && config.environment !== null && config.environment.env_type !== 'none'
}

/** `<pack_dir>/<manifest_file>`, or null when the config has no `dependencies`. */
export function manifestPathFor(config: RuntimeExecutionConfig, packDir: string): string | null {
  return config.dependencies ? join(packDir, config.dependencies.manifest_file) : null
}

/**
 * Whether the startup scan would call setup for this env (spec §4.6): it skips an env when there is no
 * `environment` and no manifest. Note the §4.2 quirk: a manifest alone still builds nothing.
 */
export function envNeededFor(config: RuntimeExecutionConfig, manifestExists: boolean): boolean {
  return config.environment !== undefined && config.environment !== null ? true : manifestExists
}

/** {@link envNeededFor} with the manifest looked up in the pack dir. */
export function envNeededSync(spec: Pick<EnvSpec, 'config' | 'packDir'>): boolean {
  const manifest = manifestPathFor(spec.config, spec.packDir)
  return envNeededFor(spec.config, manifest !== null && existsSync(manifest))
}

/**
 * The path `--version` is run on to tell an env healthy: the env's own interpreter, or for envs without
 * one (Node) the configured binary when it is an absolute path.
 */
export function healthTargetFor(spec: Pick<EnvSpec, 'config' | 'packDir' | 'envDir'>): string | null {
  const own = envInterpreterPath(spec.config, spec.packDir, spec.envDir)
  if (own !== null) return own
  const binary = spec.config.interpreter?.binary ?? ''
  return isAbsolute(binary) ? binary : null
}
