import type { EnvView } from '../../../shared/domain/env'

/**
 * The run warning for an env that was not ready when the run started: its name, status and why — for a
 * failed env, the build error and whether its created env is used (see `assessEnv`).
 */
export function envWarning(env: Pick<EnvView, 'runtimeName' | 'version' | 'status' | 'statusReason' | 'error' | 'failedRequirement'>): string {
  const name = `${env.runtimeName}${env.version === null ? '' : `-${env.version}`}`
  const parts = env.status === 'failed' ? [env.statusReason ?? env.error] : [env.statusReason, env.error === null ? null : `its last build failed: ${env.error}`]
  const why = parts.filter((part): part is string => typeof part === 'string' && part !== '').join('; ')
  const requirement = env.failedRequirement ? ` (could not install ${env.failedRequirement})` : ''
  return `the ${name} environment is ${env.status}${requirement}: ${why === '' ? 'see envs list' : why}`
}
