import type { EnvStatus } from '../../../shared/domain/env'
import { sameIdentity, type FileIdentity } from '../discovery/file-identity'
import type { EnvMetadata, FailureRecord } from './env-records'
import { healthProblem, type HealthProbe } from './health-check'

/**
 * What a build would do: nothing, install dependencies into a copy of the env (`deps`), or create the
 * env anew (`fresh`).
 */
export type BuildPlan = 'none' | 'deps' | 'fresh'

/** The state of `environment.interpreter_path` on disk. */
export type InterpreterState =
  | { readonly kind: 'exists'; readonly path: string }
  | { readonly kind: 'missing'; readonly path: string }
  | { readonly kind: 'dangling'; readonly path: string; readonly target: string }

/** Everything {@link assessEnv} decides from; gathered by `inspectEnv`. */
export interface EnvFacts {
  /** `environment` present and not `env_type: none`. */
  readonly configured: boolean
  readonly dirExists: boolean
  /** Null when the config has no `interpreter_path` (Node). */
  readonly interpreter: InterpreterState | null
  readonly metadata: EnvMetadata | null
  readonly failure: FailureRecord | null
  /** The current `--version` probe (cached or fresh); null when there is nothing to probe. */
  readonly health: HealthProbe | null
  readonly expectedVersion: string | null
  /** The spec's expected interpreter and its identity now (null identity: it does not exist). */
  readonly expectedInterpreter: { readonly path: string; readonly identity: FileIdentity | null } | null
  readonly configHash: string
  /** Dependencies that setup would install; null when setup would install none (spec §4.4). */
  readonly deps: { readonly manifestName: string; readonly sha256: string } | null
  readonly marker: string | null
  /** A `.previous-*` sibling left by a build that was interrupted. */
  readonly interruptedBuild: string | null
  /** The last failed build was made from the same manifest, config and interpreter as now. */
  readonly failureCurrent?: boolean
}

/** The verdict on one env. */
export interface EnvAssessment {
  readonly status: Exclude<EnvStatus, 'building'>
  readonly reason: string | null
  readonly plan: BuildPlan
}

/**
 * Decide an env's status, in the order a worker would find trouble: missing dir, missing interpreter
 * (spec §4.3), then the workbench's own checks (build record, health probe, interpreter identity,
 * config), then the deps marker against the manifest (spec §4.4).
 *
 * `failed` means the last build failed and left no working env: either nothing at all (its create
 * step failed) or the env its create step made, kept without a build record because installing the
 * dependencies failed afterwards — as a worker keeps it (process.rs `setup_pack_environment_in_place`
 * returns the `install_dependencies` error without removing the env) and runs actions with its
 * interpreter. Such a kept env is updated in place (`deps`) by the next build. An env that exists
 * with a build record keeps its own status after a failed rebuild, `broken` included, because that
 * says more about it; the caller reports the failure beside it.
 */
export function assessEnv(facts: EnvFacts): EnvAssessment {
  if (!facts.configured) return { status: 'ready', reason: 'no environment configured', plan: 'none' }
  const verdict = assessConfigured(facts)
  const failure = facts.failure
  if (failure === null) return verdict
  const retry = facts.failureCurrent ? '; not rebuilt until its manifest, runtime config or interpreter changes (envs rebuild retries now)' : ''
  if (verdict.status === 'missing') return { ...verdict, status: 'failed', reason: `last build failed: ${failure.error}${retry}` }
  if (failure.keptEnv && facts.metadata === null && verdict.status === 'broken' && facts.interpreter?.kind !== 'missing' && facts.interpreter?.kind !== 'dangling') {
    const kept = '; the env it created is kept and actions run with its interpreter, as on a worker'
    return { status: 'failed', reason: `last build failed: ${failure.error}${kept}${retry}`, plan: 'deps' }
  }
  return verdict
}

function assessConfigured(facts: EnvFacts): EnvAssessment {
  // A half-built env says so whatever else is wrong with it: the next build restores or replaces it.
  const interrupted = facts.interruptedBuild ? ` (a build was interrupted and left the previous env at ${facts.interruptedBuild})` : ''
  const broken = (reason: string): EnvAssessment => ({ status: 'broken', reason: reason.includes('interrupted') ? reason : `${reason}${interrupted}`, plan: 'fresh' })
  const stale = (reason: string, plan: BuildPlan = 'fresh'): EnvAssessment => ({ status: 'stale', reason, plan })

  if (!facts.dirExists) {
    const reason = facts.interruptedBuild
      ? `an interrupted build left the previous env at ${facts.interruptedBuild}; the next build restores or replaces it`
      : 'not built yet'
    return { status: 'missing', reason, plan: 'fresh' }
  }
  const interpreter = facts.interpreter
  if (interpreter?.kind === 'missing') return broken(`${interpreter.path} does not exist`)
  if (interpreter?.kind === 'dangling') {
    return broken(`${interpreter.path} is a dangling symlink to ${interpreter.target} (the env was made where the interpreter lives elsewhere)`)
  }
  const metadata = facts.metadata
  if (metadata === null) {
    const why = facts.interruptedBuild ? 'its last build was interrupted' : 'it was not built by the workbench or its last build was interrupted'
    return broken(`no build record (.attune_workbench_env.json): ${why}`)
  }
  const unhealthy = facts.health === null ? null : healthProblem(facts.health, facts.expectedVersion)
  if (unhealthy !== null) return broken(unhealthy)

  const builtBy = metadata.builtBy
  const expected = facts.expectedInterpreter
  if (expected !== null) {
    if (expected.identity === null) return stale(`the interpreter ${expected.path} no longer exists`)
    if (builtBy === null) return stale(`the env was built without a known interpreter; ${expected.path} is expected now`)
    if (builtBy.identity.realPath !== expected.identity.realPath) {
      return stale(`the env was built by ${builtBy.identity.realPath}, but ${expected.path} now resolves to ${expected.identity.realPath}`)
    }
    if (!sameIdentity(builtBy.identity, expected.identity)) {
      return stale(`the interpreter ${expected.identity.realPath} was replaced or upgraded since the env was built`)
    }
  }
  if (metadata.configHash !== facts.configHash) return stale("the runtime's execution_config changed since the env was built")
  if (facts.deps !== null && facts.marker !== facts.deps.sha256) {
    const reason =
      facts.marker === null
        ? `${facts.deps.manifestName} was never installed into this env`
        : `${facts.deps.manifestName} changed since the env was built`
    return stale(reason, 'deps')
  }
  return { status: 'ready', reason: null, plan: 'none' }
}
