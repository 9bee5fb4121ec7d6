import type { EnvView } from '../../../shared/domain/env'

/**
 * The run warning for an env that was not ready when the run started: its name, status and why — for a
 * failed env, the build error and whether its created env is used (see `assessEnv`).
 */
export function envWarning(env: Pick<EnvView, 'runtimeName' | 'version' | 'status' | 'statusReason' | 'error' | 'failedRequirement'>): string {
  const name = `${env.runtimeName}${env.version === null ? '' : `-${env.version}`}`
  // A failed env's reason quotes its error and says what runs instead; otherwise the error says most.
  const why = (env.status === 'failed' ? (env.statusReason ?? env.error) : (env.error ?? env.statusReason)) ?? ''
  const requirement = env.failedRequirement ? ` (could not install ${env.failedRequirement})` : ''
  return `the ${name} environment is ${env.status}${requirement}: ${why === '' ? 'see envs list' : why}`
}
