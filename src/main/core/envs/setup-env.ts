import { join } from 'node:path'
import type { RuntimeExecutionConfig } from '../../../shared/domain/execution-config'
import { applyEnvVars } from './env-vars'
import { SETUP_HOME_DIR } from './env-layout'
import type { NetworkSettings } from './network-settings'

/** The environment of a setup command and the reserved names dropped from it. */
export interface SetupEnvironment {
  readonly env: Record<string, string>
  readonly skipped: string[]
}

/**
 * The complete environment of `create_command` and `install_command` (spec §4.5, newest): the baseline
 * allowlist, the runtime's non-reserved `env_vars` resolved with the setup template vars, then HOME and
 * the tool caches redirected into `{env_dir}/.attune-setup` so setup never reads or writes the user's
 * own configuration. Beyond the worker, the user's network settings (proxy, CA bundle, registry and index;
 * see `readNetworkSettings`) come first, below the runtime's own `env_vars`, and npm logs each fetch so
 * an install's progress and retries stream into the env's log as they happen.
 */
export function setupEnvironment(
  baseline: Readonly<Record<string, string>>,
  config: RuntimeExecutionConfig,
  vars: Readonly<Record<string, string>>,
  envDir: string,
  platform: NodeJS.Platform = process.platform,
  network?: NetworkSettings
): SetupEnvironment {
  const { env, skipped } = applyEnvVars({ ...baseline, ...network?.env }, config.env_vars ?? {}, vars)
  const setupHome = join(envDir, SETUP_HOME_DIR)
  env.HOME = setupHome
  env.XDG_CONFIG_HOME = join(setupHome, 'config')
  env.XDG_CACHE_HOME = join(setupHome, 'cache')
  env.PIP_CACHE_DIR = join(setupHome, 'cache', 'pip')
  env.PIP_CONFIG_FILE = platform === 'win32' ? 'NUL' : '/dev/null'
  env.npm_config_loglevel ??= 'http'
  return { env, skipped }
}
