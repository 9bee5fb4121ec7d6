import { rm } from 'node:fs/promises'
import { BuildLog } from './build-log'
import { currentBuildInputs } from './build-inputs'
import { defaultRunner, type CommandRunner } from './command-runner'
import type { BuildPlan } from './env-assessment'
import { envLogFileFor, envSiblings } from './env-layout'
import { removeFailure, writeFailure } from './env-records'
import { hasEnvironment, manifestPathFor, type EnvSpec } from './env-spec'
import { cloneForUpdate, moveAside, recoverInterruptedBuild, restorePrevious } from './env-swap'
import { isDirectorySync } from './fs-probes'
import { inspectEnv, type EnvInspection, type InspectOptions } from './inspect-env'
import type { NetworkSettings } from './network-settings'
import { commitEnv, createEnv, installDependencies, type SetupContext } from './setup-steps'

/** Default limit per setup command; a large pip or npm install over a slow network needs minutes. */
const DEFAULT_COMMAND_TIMEOUT_MS = 20 * 60_000

/** Options for {@link buildEnv}. */
export interface BuildOptions {
  /** The baseline allowlist (spec §5.5) every setup command and probe starts from. */
  readonly baselineEnv: Readonly<Record<string, string>>
  /** Root of the setup logs; the log of an env is `envLogFileFor(logsDir, …)`. */
  readonly logsDir: string
  /** Each log line (headers and tool output) as it is written. */
  readonly onProgress?: (line: string) => void
  /** Cancels the running setup command (its whole process group); the old env is put back. */
  readonly signal?: AbortSignal
  /** Per setup command. */
  readonly timeoutMs?: number
  /** How long a setup command may run on after a certificate error (see `runSetupCommand`). */
  readonly certificateGraceMs?: number
  /** Build a new env even when the existing one is ready or only needs its dependencies. */
  readonly recreate?: boolean
  readonly run?: CommandRunner
  readonly platform?: NodeJS.Platform
  /** The user's network settings, passed to setup commands only (and named in the log). */
  readonly network?: NetworkSettings
}

/** What {@link buildEnv} did. */
export interface EnvBuildResult {
  readonly status: 'ready' | 'failed'
  /** `none` when nothing needed doing (no process ran). */
  readonly plan: BuildPlan
  /** Why it built, or why nothing ran. */
  readonly reason: string | null
  readonly error: string | null
  readonly logFile: string | null
  /** The last lines of this build's log; when a failed build was not repeated, the failed one's (else empty when nothing ran). */
  readonly logTail: readonly string[]
  /** A failed rebuild put the previous env back. */
  readonly restoredPrevious: boolean
  /** The env as it is now. */
  readonly view: EnvInspection
}

/**
 * Bring one env up to date: setup as a worker does it (spec §4.2–4.5), made atomic.
 *
 * The old env is never built over. It is renamed aside (`.{name}.previous-<random>`) and the new env is
 * built at the final path, because venvs and node_modules embed their own absolute path and cannot be
 * moved after building. A dependency update first copies the old env back to the final path and installs
 * into the copy, which keeps pip and npm incremental as in the worker. Only after the build record is
 * written is the old env deleted; on any failure the partial env is deleted and the old one renamed
 * back, untouched. Callers serialise builds of one env dir (see `EnvBuilder`).
 */
export async function buildEnv(spec: EnvSpec, options: BuildOptions): Promise<EnvBuildResult> {
  const run = options.run ?? defaultRunner
  const inspectOptions: InspectOptions = { baselineEnv: options.baselineEnv, logsDir: options.logsDir, run }
  const done = async (status: 'ready' | 'failed', plan: BuildPlan, reason: string | null, error: string | null): Promise<EnvBuildResult> => {
    const view = await inspectEnv(spec, inspectOptions)
    return { status, plan, reason, error, logFile: view.logFile, logTail: [], restoredPrevious: false, view }
  }
  if (!hasEnvironment(spec.config)) return done('ready', 'none', noEnvironmentReason(spec), null)
  if (options.signal?.aborted) return done('failed', 'none', null, 'Environment build cancelled')

  const recovered = await recoverInterruptedBuild(spec.envDir)
  const before = await inspectEnv(spec, inspectOptions)
  const plan: BuildPlan = options.recreate ? 'fresh' : before.plan
  if (plan === 'none') {
    // Nothing to do means the env is as wanted: an earlier failure no longer describes it.
    if (before.error !== null) await removeFailure(envSiblings(spec.envDir).failureFile)
    const view: EnvInspection = before.error === null ? before : { ...before, error: null, failedRequirement: null, logTail: null }
    return { status: 'ready', plan, reason: recovered ?? 'up to date', error: null, logFile: view.logFile, logTail: [], restoredPrevious: false, view }
  }

  if (!options.recreate && before.failureCurrent) {
    // A build from the same manifest, config and interpreter would fail the same way: say so, run nothing.
    const error = before.error ?? 'the last build failed'
    return { status: 'failed', plan: 'none', reason: before.statusReason, error, logFile: before.logFile, logTail: before.logTail ?? [], restoredPrevious: false, view: before }
  }

  const inputs = await currentBuildInputs(spec)
  const cancelled = (): boolean => options.signal?.aborted === true
  const logFile = envLogFileFor(options.logsDir, spec.packRef, spec.runtimeName, spec.version)
  const log = await BuildLog.open(logFile, options.onProgress)
  const reason = options.recreate ? 'rebuild requested' : (before.statusReason ?? before.status)
  const what = `${spec.packRef} ${spec.runtimeRef}${spec.version === null ? '' : ` ${spec.version}`}`
  log.line(`=== ${new Date().toISOString()} ${plan === 'fresh' ? 'creating' : 'updating'} env ${spec.envDir} (${what})`)
  log.line(`why: ${reason}`)
  if (recovered !== null) log.line(recovered)
  logNetworkSettings(log, options.network)

  const context: SetupContext = {
    spec,
    log,
    run,
    baselineEnv: options.baselineEnv,
    timeoutMs: options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    ...(options.certificateGraceMs !== undefined && { certificateGraceMs: options.certificateGraceMs }),
    platform: options.platform ?? process.platform,
    ...(options.network && { network: options.network }),
    ...(options.signal && { signal: options.signal })
  }
  const previous = isDirectorySync(spec.envDir) ? await moveAside(spec.envDir) : null
  let borrowedSetupHome = false
  let error: string | null
  let installFailed = false
  try {
    if (plan === 'deps' && previous !== null) {
      borrowedSetupHome = (await cloneForUpdate(previous, spec.envDir)).movedSetupHome
      log.line(`copied the current env from ${previous} to update it`)
      error = createReadsManifest(spec) ? await createEnv(context, 'rerun') : null
    } else {
      error = await createEnv(context, 'new')
    }
    if (error === null) {
      error = await installDependencies(context)
      installFailed = error !== null
    }
    error ??= await commitEnv(context)
  } catch (caught) {
    error = `Environment setup failed: ${caught instanceof Error ? caught.message : String(caught)}`
  }

  const failureFile = envSiblings(spec.envDir).failureFile
  if (error === null) {
    await removeFailure(failureFile)
    if (previous !== null) await rm(previous, { recursive: true, force: true })
    log.line('=== ready')
  } else {
    log.line(`=== failed: ${error}`)
    try {
      if (previous !== null) await restorePrevious(spec.envDir, previous, borrowedSetupHome)
      else if (installFailed && !cancelled()) log.line('the env created before the failed install is kept; actions run with its interpreter, as on a worker')
      else await rm(spec.envDir, { recursive: true, force: true })
      if (previous !== null) log.line('the previous env was put back unchanged')
    } catch (caught) {
      error = `${error}; putting the previous env back also failed: ${caught instanceof Error ? caught.message : String(caught)}`
      log.line(error)
    }
    const keptEnv = isDirectorySync(spec.envDir)
    // A cancelled build says nothing about its inputs: the next one may run.
    await writeFailure(failureFile, { failedAt: new Date().toISOString(), error, logFile: log.file, logTail: log.tail(), inputs: cancelled() ? null : inputs, keptEnv }).catch(
      () => undefined
    )
  }
  await log.close()
  const view = await inspectEnv(spec, inspectOptions)
  return {
    status: error === null ? 'ready' : 'failed',
    plan,
    reason,
    error,
    logFile: log.file,
    logTail: log.tail(),
    restoredPrevious: error !== null && previous !== null,
    view
  }
}

/**
 * spec §4.2 quirk: without an environment setup returns at once, so a manifest alone is never installed.
 */
function noEnvironmentReason(spec: EnvSpec): string {
  const manifest = manifestPathFor(spec.config, spec.packDir)
  return manifest === null
    ? 'no environment configured'
    : `no environment configured (its dependencies are not installed either, as in the worker: spec §4.2)`
}

/**
 * Node's create_command copies the manifest into the env, and `npm install --prefix {env_dir}` reads
 * that copy. The worker never re-runs create on an existing env (spec §4.2), so a changed package.json
 * never reaches it; the workbench re-runs create on the copy so the change takes effect.
 */
function createReadsManifest(spec: EnvSpec): boolean {
  return (spec.config.environment?.create_command ?? []).some((arg) => arg.includes('{manifest_path}'))
}

/** Name, never value (a proxy URL may carry a password), each network setting setup commands receive. */
function logNetworkSettings(log: BuildLog, network: NetworkSettings | undefined): void {
  const passed = network?.passed ?? []
  log.line(
    passed.length === 0
      ? 'network settings for setup commands: none found (no proxy or CA variables, no registry or index in npm or pip config)'
      : `network settings for setup commands: ${passed.map((s) => `${s.name} (${s.source})`).join(', ')}`
  )
  for (const note of network?.notPassed ?? []) log.line(`  not passed: ${note}`)
}
