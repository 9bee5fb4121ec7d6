import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { EnvView } from '../../../shared/domain/env'
import { defaultRunner, type CommandRunner } from './command-runner'
import { configHash, sha256Hex } from './config-hash'
import { currentBuildInputs, sameBuildInputs } from './build-inputs'
import { failedRequirementIn } from './failed-requirement'
import { assessEnv, type BuildPlan, type EnvFacts } from './env-assessment'
import { DEPS_MARKER_FILE, envLogFileFor, envSiblings } from './env-layout'
import { readFailureSync, readMetadataSync, readTextOrNullSync, writeMetadata, type EnvMetadata, type FailureRecord } from './env-records'
import { hasEnvironment, healthTargetFor, manifestPathFor, type EnvSpec } from './env-spec'
import { envInterpreterPath } from './env-template'
import { interpreterStateSync, isDirectorySync, treeSize } from './fs-probes'
import { fileIdentitySync } from '../discovery/file-identity'
import type { HealthProbe } from './health-check'
import { probeHealth } from './health-probe'

/** An env's view plus what the engine knows beyond `EnvView`. */
export interface EnvInspection extends EnvView {
  /** What a build would do now. */
  readonly plan: BuildPlan
  /** The last failed build's output tail (kept until a build succeeds), or null. */
  readonly logTail: readonly string[] | null
  /** The last build failed and was made from what a build would use now: building again would fail again. */
  readonly failureCurrent: boolean
}

/** Options for {@link inspectEnv}. */
export interface InspectOptions {
  /** The environment health probes run with (the baseline allowlist). */
  readonly baselineEnv: Readonly<Record<string, string>>
  /** Where setup logs live (see `envLogFileFor`); without it `logFile` is only known after a failure. */
  readonly logsDir?: string
  readonly run?: CommandRunner
  /** Walk the env to measure its size now instead of reporting the size recorded at build time. */
  readonly measureSize?: boolean
}

/**
 * The status of one env on disk, decided by `assessEnv`.
 *
 * A ready env costs a few stat calls and small file reads, made synchronously (microseconds each, where a
 * thread-pool round trip per call would add up to milliseconds on every run's path): the `--version` health probe is answered
 * from the build record while the interpreter's file identity is unchanged, and re-run (then recorded)
 * only when it changed.
 */
export async function inspectEnv(spec: EnvSpec, options: InspectOptions): Promise<EnvInspection> {
  const facts = await gatherFacts(spec, options)
  const assessment = assessEnv(facts.facts)
  const metadata = facts.facts.metadata
  const failure = facts.facts.failure
  const sizeBytes = !facts.facts.dirExists
    ? null
    : options.measureSize
      ? await treeSize(spec.envDir)
      : (metadata?.sizeBytes ?? null)
  return {
    pack: spec.packRef,
    runtime: spec.runtimeRef,
    runtimeName: spec.runtimeName,
    version: spec.version,
    dir: spec.envDir,
    status: assessment.status,
    statusReason: assessment.reason,
    interpreter: facts.interpreter,
    depsHash: facts.facts.marker,
    sizeBytes,
    builtAt: metadata?.builtAt ?? null,
    error: failure?.error ?? null,
    failedRequirement: failure ? failedRequirementIn(failure.logTail) : null,
    logFile: existingLogFileSync(spec, options.logsDir, failure),
    plan: assessment.plan,
    logTail: failure ? failure.logTail : null,
    failureCurrent: facts.facts.failureCurrent === true
  }
}

/** The current manifest's SHA-256 when setup would install it (spec §4.4), else null. */
export function installableManifestSync(spec: Pick<EnvSpec, 'config' | 'packDir'>): { manifestName: string; sha256: string } | null {
  const manifest = manifestPathFor(spec.config, spec.packDir)
  if (manifest === null || (spec.config.dependencies?.install_command ?? []).length === 0) return null
  try {
    return { manifestName: basename(manifest), sha256: sha256Hex(readFileSync(manifest)) }
  } catch {
    return null
  }
}

async function gatherFacts(spec: EnvSpec, options: InspectOptions): Promise<{ facts: EnvFacts; interpreter: string | null }> {
  const { config, envDir } = spec
  const configured = hasEnvironment(config)
  const dirExists = configured && isDirectorySync(envDir)
  const ownInterpreter = envInterpreterPath(config, spec.packDir, envDir)
  const interpreter = dirExists && ownInterpreter !== null ? interpreterStateSync(ownInterpreter) : null
  let metadata = dirExists ? readMetadataSync(envDir) : null
  const failure = configured ? readFailureSync(envSiblings(envDir).failureFile) : null

  let health: HealthProbe | null = null
  const target = healthTargetFor(spec)
  if (metadata !== null && target !== null && (interpreter === null || interpreter.kind === 'exists')) {
    const run = options.run ?? defaultRunner
    const { probe, fresh } = await probeHealth(target, fileIdentitySync(target), metadata.health, { run, env: options.baselineEnv })
    health = probe
    if (fresh && probe.spawnError === null) {
      metadata = { ...metadata, health: probe } satisfies EnvMetadata
      await writeMetadata(envDir, metadata).catch(() => undefined)
    }
  }

  const facts: EnvFacts = {
    configured,
    dirExists,
    interpreter,
    metadata,
    failure,
    health,
    expectedVersion: spec.expectedVersion,
    expectedInterpreter:
      spec.expectedInterpreter === null ? null : { path: spec.expectedInterpreter, identity: fileIdentitySync(spec.expectedInterpreter) },
    configHash: configHash(config),
    deps: dirExists ? installableManifestSync(spec) : null,
    marker: dirExists ? readTextOrNullSync(join(envDir, DEPS_MARKER_FILE)) : null,
    interruptedBuild: configured && (!dirExists || metadata === null) ? findInterruptedBuildSync(envDir) : null,
    failureCurrent: failure !== null && sameBuildInputs(failure.inputs, await currentBuildInputs(spec))
  }
  const envInterpreter = interpreter?.kind === 'exists' ? interpreter.path : null
  return { facts, interpreter: envInterpreter ?? (config.interpreter?.binary || null) }
}

/** A `.{name}.previous-*` sibling: a build was interrupted between moving the old env aside and finishing. */
export function findInterruptedBuildSync(envDir: string): string | null {
  const { parent, previousPrefix } = envSiblings(envDir)
  try {
    const found = readdirSync(parent).find((name) => name.startsWith(previousPrefix))
    return found === undefined ? null : join(parent, found)
  } catch {
    return null
  }
}

function existingLogFileSync(spec: EnvSpec, logsDir: string | undefined, failure: FailureRecord | null): string | null {
  if (failure?.logFile) return failure.logFile
  if (logsDir === undefined) return null
  const file = envLogFileFor(logsDir, spec.packRef, spec.runtimeName, spec.version)
  return existsSync(file) ? file : null
}
