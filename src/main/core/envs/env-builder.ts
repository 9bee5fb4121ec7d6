import { resolve } from 'node:path'
import { mapLimit } from '../util/map-limit'
import { defaultRunner, type CommandRunner } from './command-runner'
import { buildEnv, type BuildOptions, type EnvBuildResult } from './build-env'
import type { EnvSpec } from './env-spec'
import { inspectEnv, type EnvInspection } from './inspect-env'
import { KeyedMutex } from './keyed-mutex'
import type { NetworkSettings } from './network-settings'

/** Construction options of {@link EnvBuilder}. */
export interface EnvBuilderOptions {
  readonly baselineEnv: Readonly<Record<string, string>>
  /** Root of the per-env setup logs (e.g. `<data home>/logs/envs`). */
  readonly logsDir: string
  /** Builds in flight at once in {@link EnvBuilder.buildAll}. */
  readonly concurrency?: number
  /** Per setup command. */
  readonly timeoutMs?: number
  readonly run?: CommandRunner
  readonly platform?: NodeJS.Platform
  /** The user's network settings, for setup commands only. */
  readonly network?: NetworkSettings
}

/** Per-build options of {@link EnvBuilder.build}. */
export type BuildRequest = Pick<BuildOptions, 'onProgress' | 'signal' | 'recreate'>

/** A change of one env's state, for listeners of {@link EnvBuilder.onDidChangeEnv}. */
export interface EnvChange {
  readonly dir: string
  readonly status: 'building' | 'ready' | 'failed'
}

/**
 * Builds and inspects envs, one build per env dir at a time (spec §4.7), many dirs in parallel.
 *
 * A failure is a result, never an exception, so one broken env never stops the others. `dispose()`
 * cancels the builds in flight; each puts its old env back.
 */
export class EnvBuilder {
  private readonly mutex = new KeyedMutex()
  private readonly building = new Set<string>()
  private readonly listeners = new Set<(change: EnvChange) => void>()
  private readonly disposal = new AbortController()
  private readonly run: CommandRunner

  constructor(private readonly options: EnvBuilderOptions) {
    this.run = options.run ?? defaultRunner
  }

  /** The env's status; `building` while a build of its dir runs (the disk is mid-change then). */
  async inspect(spec: EnvSpec, options: { readonly measureSize?: boolean } = {}): Promise<EnvInspection> {
    const view = await inspectEnv(spec, { baselineEnv: this.options.baselineEnv, logsDir: this.options.logsDir, run: this.run, ...options })
    return this.building.has(keyOf(spec.envDir)) ? { ...view, status: 'building', statusReason: 'a build is running' } : view
  }

  /** Inspect many envs; probes of unchanged interpreters are answered from their build records. */
  inspectAll(specs: readonly EnvSpec[]): Promise<EnvInspection[]> {
    return mapLimit(specs, this.options.concurrency ?? 4, (spec) => this.inspect(spec))
  }

  /** Bring one env up to date, waiting for any build of the same dir first. Never throws. */
  build(spec: EnvSpec, request: BuildRequest = {}): Promise<EnvBuildResult> {
    const key = keyOf(spec.envDir)
    return this.mutex.run(key, async () => {
      this.building.add(key)
      this.emit({ dir: spec.envDir, status: 'building' })
      try {
        const signal = request.signal ? AbortSignal.any([request.signal, this.disposal.signal]) : this.disposal.signal
        const result = await buildEnv(spec, {
          baselineEnv: this.options.baselineEnv,
          logsDir: this.options.logsDir,
          run: this.run,
          ...(this.options.timeoutMs !== undefined && { timeoutMs: this.options.timeoutMs }),
          ...(this.options.platform !== undefined && { platform: this.options.platform }),
          ...(this.options.network && { network: this.options.network }),
          ...(request.onProgress && { onProgress: request.onProgress }),
          ...(request.recreate !== undefined && { recreate: request.recreate }),
          signal
        }).catch((caught: unknown) => unexpectedFailure(spec, caught))
        this.emit({ dir: spec.envDir, status: result.status })
        return result
      } finally {
        this.building.delete(key)
      }
    })
  }

  /** Build many envs, at most `concurrency` at a time, in input order of results. */
  buildAll(
    specs: readonly EnvSpec[],
    request: Omit<BuildRequest, 'onProgress'> & { readonly onProgress?: (spec: EnvSpec, line: string) => void } = {}
  ): Promise<EnvBuildResult[]> {
    return mapLimit(specs, this.options.concurrency ?? 2, (spec) =>
      this.build(spec, {
        ...(request.signal && { signal: request.signal }),
        ...(request.recreate !== undefined && { recreate: request.recreate }),
        ...(request.onProgress && { onProgress: (line: string) => request.onProgress?.(spec, line) })
      })
    )
  }

  /**
   * Hold an env dir's lock around `task`, e.g. the lazy setup of an execution (spec §5.3 step 4), so it
   * never sees an env mid-rebuild.
   */
  withEnvLock<T>(envDir: string, task: () => Promise<T>): Promise<T> {
    return this.mutex.run(keyOf(envDir), task)
  }

  /** Subscribe to build starts and ends; returns the unsubscribe function. */
  onDidChangeEnv(listener: (change: EnvChange) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Cancel builds in flight and drop listeners. */
  dispose(): void {
    this.disposal.abort()
    this.listeners.clear()
  }

  private emit(change: EnvChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change)
      } catch {
        // A listener's failure is its own.
      }
    }
  }
}

function keyOf(envDir: string): string {
  return resolve(envDir)
}

function unexpectedFailure(spec: EnvSpec, caught: unknown): EnvBuildResult {
  const error = `Environment setup failed: ${caught instanceof Error ? caught.message : String(caught)}`
  return {
    status: 'failed',
    plan: 'none',
    reason: null,
    error,
    logFile: null,
    logTail: [],
    restoredPrevious: false,
    view: {
      pack: spec.packRef,
      runtime: spec.runtimeRef,
      runtimeName: spec.runtimeName,
      version: spec.version,
      dir: spec.envDir,
      status: 'failed',
      statusReason: error,
      interpreter: null,
      depsHash: null,
      sizeBytes: null,
      builtAt: null,
      error,
      logFile: null,
      plan: 'fresh',
      logTail: null,
      failureCurrent: false
    }
  }
}
