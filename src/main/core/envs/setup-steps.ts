import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { BuildLog } from './build-log'
import type { CommandRunner } from './command-runner'
import { configHash, sha256Hex } from './config-hash'
import { DEPS_MARKER_FILE } from './env-layout'
import { readTextOrNullSync, writeMetadata } from './env-records'
import { healthTargetFor, manifestPathFor, type EnvSpec } from './env-spec'
import { envInterpreterPath, resolveArgv, templateVars } from './env-template'
import { interpreterStateSync, treeSize } from './fs-probes'
import { fileIdentitySync } from '../discovery/file-identity'
import { healthProblem } from './health-check'
import { probeHealth } from './health-probe'
import { runSetupCommand } from './setup-command'
import type { NetworkSettings } from './network-settings'
import { setupEnvironment } from './setup-env'

/** What every setup step of one build shares. */
export interface SetupContext {
  readonly spec: EnvSpec
  readonly log: BuildLog
  readonly run: CommandRunner
  readonly baselineEnv: Readonly<Record<string, string>>
  readonly timeoutMs: number
  readonly certificateGraceMs?: number
  readonly platform: NodeJS.Platform
  /** The user's network settings, for setup commands only. */
  readonly network?: NetworkSettings
  readonly signal?: AbortSignal
}

/**
 * Run `create_command` (spec §4.2 step 4): templated argv, cwd = pack dir, setup environment of §4.5.
 * Returns the failure message, or null. `rerun` only changes the log line.
 */
export async function createEnv(context: SetupContext, mode: 'new' | 'rerun'): Promise<string | null> {
  const { spec, log } = context
  const environment = spec.config.environment
  const argv = environment?.create_command ?? []
  if (argv.length === 0) return `Environment type '${environment?.env_type ?? ''}' requires a create_command`
  await mkdir(dirname(spec.envDir), { recursive: true })
  if (mode === 'rerun') log.line('create_command reads the manifest; running it again on the copy')
  return runStep(context, argv, 'Environment creation')
}

/**
 * Install dependencies (spec §4.4): nothing without `dependencies`, a manifest or an install command;
 * skipped when the marker holds the manifest's SHA-256; otherwise run `install_command` and write the
 * marker only on success. Returns the failure message, or null.
 */
export async function installDependencies(context: SetupContext): Promise<string | null> {
  const { spec, log } = context
  const manifest = manifestPathFor(spec.config, spec.packDir)
  if (manifest === null) return null
  let bytes: Buffer
  try {
    bytes = await readFile(manifest)
  } catch {
    log.line(`no ${basename(manifest)} in the pack; no dependencies to install`)
    return null
  }
  const installCommand = spec.config.dependencies?.install_command ?? []
  if (installCommand.length === 0) {
    log.line(`warning: ${basename(manifest)} exists but install_command is empty; dependencies not installed`)
    return null
  }
  const checksum = sha256Hex(bytes)
  const markerPath = join(spec.envDir, DEPS_MARKER_FILE)
  if (readTextOrNullSync(markerPath) === checksum) {
    log.line(`dependencies up to date (${DEPS_MARKER_FILE} matches ${basename(manifest)})`)
    return null
  }
  const error = await runStep(context, installCommand, 'Dependency installation')
  if (error !== null) return error
  try {
    await writeFile(markerPath, checksum)
  } catch (caught) {
    log.line(`warning: could not write ${markerPath}: ${caught instanceof Error ? caught.message : String(caught)}`)
  }
  return null
}

/**
 * Prove the new env usable and record it: the interpreter must exist and pass the `--version` health
 * check; then the build record is written, last of all. Returns the failure message, or null.
 */
export async function commitEnv(context: SetupContext): Promise<string | null> {
  const { spec, log, run } = context
  const own = envInterpreterPath(spec.config, spec.packDir, spec.envDir)
  if (own !== null) {
    const state = interpreterStateSync(own)
    if (state.kind !== 'exists') return `The new environment has no interpreter: ${own} does not exist after create_command`
  }
  const target = healthTargetFor(spec)
  const probe = target === null ? null : (await probeHealth(target, fileIdentitySync(target), null, { run, env: context.baselineEnv })).probe
  if (probe !== null) {
    log.line(`$ ${probe.path} --version → ${probe.spawnError ?? probe.firstLine}`)
    const problem = healthProblem(probe, spec.expectedVersion)
    if (problem !== null) return `The new environment is not usable: ${problem}`
  }
  const builtByIdentity = spec.expectedInterpreter === null ? null : fileIdentitySync(spec.expectedInterpreter)
  const manifest = manifestPathFor(spec.config, spec.packDir)
  const manifestSha256 = manifest === null ? null : await readFile(manifest).then(sha256Hex, () => null)
  await writeMetadata(spec.envDir, {
    format: 1,
    builtAt: new Date().toISOString(),
    builtBy: spec.expectedInterpreter !== null && builtByIdentity !== null ? { path: spec.expectedInterpreter, identity: builtByIdentity } : null,
    manifestSha256,
    expectedVersion: spec.expectedVersion,
    configHash: configHash(spec.config),
    sizeBytes: await treeSize(spec.envDir),
    health: probe !== null && probe.spawnError === null ? probe : null
  })
  return null
}

/** Template and run one setup argv with the §4.5 environment; `{interpreter}` is resolved now. */
async function runStep(context: SetupContext, argv: readonly string[], label: string): Promise<string | null> {
  const { spec, log } = context
  const own = envInterpreterPath(spec.config, spec.packDir, spec.envDir)
  const vars = templateVars({
    config: spec.config,
    packDir: spec.packDir,
    envDir: spec.envDir,
    envInterpreterExists: own !== null && interpreterStateSync(own).kind === 'exists'
  })
  const { env, skipped } = setupEnvironment(context.baselineEnv, spec.config, vars, spec.envDir, context.platform, context.network)
  for (const name of skipped) log.line(`warning: env var ${name} skipped: ATTUNE_* names are reserved`)
  const outcome = await runSetupCommand(resolveArgv(argv, vars), {
    label,
    cwd: spec.packDir,
    env,
    log,
    run: context.run,
    timeoutMs: context.timeoutMs,
    ...(context.certificateGraceMs !== undefined && { certificateGraceMs: context.certificateGraceMs }),
    ...(context.signal && { signal: context.signal })
  })
  return outcome.error
}
