import { existsSync } from 'node:fs'
import type { EnvStatus, EnvView } from '../../../shared/domain/env'
import { unknownNameMessage } from '../../../shared/text/closest-name'
import { badInput, WorkbenchError } from '../errors'
import type { EventBus } from '../events'
import type { PackRecord, PackRepository } from '../store/pack-repository'
import type { RuntimeRepository } from '../store/runtime-repository'
import type { RuntimeVersionRepository } from '../store/runtime-version-repository'
import type { EnvBuildResult } from './build-env'
import type { EnvBuilder } from './env-builder'
import { clashMessage, packEnvClashes } from './env-clash'
import { envOwners, planPackEnvs } from './env-plan'
import { envNeededSync, type EnvSpec } from './env-spec'
import type { EnvInspection } from './inspect-env'
import { unclaimedByFilter } from '../verify/runtime-filter'

export interface EnvServiceDeps {
  readonly packs: PackRepository
  readonly runtimes: RuntimeRepository
  readonly versions: RuntimeVersionRepository
  readonly builder: EnvBuilder
  readonly events: EventBus
  readonly runtimeEnvsDir: string
  readonly locate: (command: string) => string | null
  /** `ATTUNE_WORKER_RUNTIMES` as parsed; null when unset. Envs of runtimes it leaves out are not set up. */
  readonly runtimeFilter?: readonly string[] | null
}

/** An env with what its last build (if one ran now) said. */
export interface EnvSetupOutcome extends EnvView {
  /** `none` when it was already up to date and no process ran; `skipped` when the runtime filter excludes it. */
  readonly action: 'none' | 'built' | 'failed' | 'skipped'
  readonly logTail: readonly string[]
  /** For a run's ensure: the env's status before it was built (`stale`, `broken`, `missing`, `failed`). */
  readonly before?: EnvStatus
}

/**
 * The per-pack, per-version environments of the registered packs (spec §4): which exist, their health,
 * and building them. Status lives on disk, so what this says survives restarts and other tools.
 */
export class EnvService {
  constructor(private readonly deps: EnvServiceDeps) {
    deps.builder.onDidChangeEnv((change) => {
      const spec = this.specByDir(change.dir)
      if (spec) deps.events.emit('env.changed', { pack: spec.packRef, runtime: spec.runtimeRef, version: spec.version, status: change.status })
    })
  }

  /** Every env planned or built so far, by dir: build events carry only the dir. */
  private readonly known = new Map<string, EnvSpec>()

  /** The envs a worker would build for one pack or all packs. */
  plan(packRef?: string): EnvSpec[] {
    const packs = packRef === undefined ? this.deps.packs.list() : [this.findPack(packRef)]
    const runtimes = this.deps.runtimes.list()
    const specs = packs.flatMap((pack) =>
      planPackEnvs({
        pack,
        actions: this.deps.packs.listActions(pack.id),
        runtimes,
        versionsOf: (runtime) => this.deps.versions.listByRuntime(runtime.id),
        runtimeEnvsDir: this.deps.runtimeEnvsDir,
        locate: this.deps.locate
      })
    )
    for (const spec of specs) this.known.set(spec.envDir, spec)
    return specs
  }

  /** The env tree data: per pack → runtime → base and versioned envs with their status. */
  async list(packRef?: string, options: { measureSize?: boolean } = {}): Promise<EnvView[]> {
    const specs = this.plan(packRef)
    const views = await Promise.all(specs.map((spec) => this.deps.builder.inspect(spec, options)))
    return views.map(toView)
  }

  /**
   * Build what is missing, stale, broken or failed; ready envs are left alone (no process runs). The
   * envs of a pack whose folder is gone are not touched (spec §4.6 skips such packs) and are reported
   * as failed with that reason.
   */
  async setup(packRef?: string): Promise<EnvSetupOutcome[]> {
    const specs = this.plan(packRef)
    const buildable = specs.filter((spec) => existsSync(spec.packDir) && this.unclaimed(spec) === null)
    const results = await this.deps.builder.buildAll(buildable, { onProgress: (spec, line) => this.progress(spec, line) })
    const built = new Map(buildable.map((spec, index) => [spec, results[index]]))
    return Promise.all(
      specs.map(async (spec) => {
        const result = built.get(spec)
        if (result) return toOutcome(result)
        return this.unclaimed(spec) === null ? this.packFolderMissing(spec) : this.skipped(spec)
      })
    )
  }

  /** Rebuild one env from scratch (atomically: a failure keeps the old one). */
  async rebuild(packRef: string, runtimeName: string, version: string | null): Promise<EnvSetupOutcome> {
    const specs = this.plan(packRef)
    const wanted = runtimeName.toLowerCase()
    const forRuntime = specs.filter((spec) => spec.runtimeRef === wanted || spec.runtimeName === wanted || this.aliasOf(spec.runtimeRef, wanted))
    if (forRuntime.length === 0) {
      const named = this.deps.runtimes.list().filter((runtime) => runtime.ref === wanted || runtime.name.toLowerCase() === wanted || runtime.aliases.includes(wanted))
      const clash = named.map((runtime) => this.clashOf(packRef, runtime.ref)).find((message) => message !== null)
      if (clash) throw new WorkbenchError('environment', clash)
      const known = [...new Set(specs.map((spec) => spec.runtimeName))].join(', ') || 'none'
      throw badInput(`pack '${packRef}' has no environments for runtime '${runtimeName}' (its runtimes with envs: ${known})`)
    }
    const spec = forRuntime.find((candidate) => candidate.version === version)
    if (!spec) {
      const known = forRuntime.map((candidate) => candidate.version ?? '(base)').join(', ')
      throw badInput(`pack '${packRef}' has no ${runtimeName} environment for version '${version ?? '(base)'}' (it has: ${known})`)
    }
    if (this.unclaimed(spec) !== null) return this.skipped(spec)
    if (!existsSync(spec.packDir)) return this.packFolderMissing(spec)
    return toOutcome(await this.deps.builder.build(spec, { recreate: true, onProgress: (line) => this.progress(spec, line) }))
  }

  /**
   * Make the env a run needs usable first (seed §3: a broken env is recreated before the run). A
   * missing, broken, failed or stale env is built; returns null when the runtime needs no env. `spec` is the
   * run's own (`envSpecFor`), and the run has looked for a clash first (`clashOf`, which reads every runtime
   * and version). `relocated`: the base config set up in a version's dir, where the worker's fallback runs it
   * (process.rs); such a spec is not remembered as that dir's.
   */
  async ensureForRun(spec: EnvSpec, options: { readonly relocated?: boolean } = {}): Promise<EnvSetupOutcome | null> {
    if (!envNeededSync(spec)) return null
    if (options.relocated !== true) this.known.set(spec.envDir, spec)
    const current = await this.deps.builder.inspect(spec)
    if (current.status === 'ready') return { ...toView(current), action: 'none', logTail: [] }
    return { ...toOutcome(await this.deps.builder.build(spec, { onProgress: (line) => this.progress(spec, line) })), before: current.status }
  }

  /**
   * Why this runtime's envs in this pack are not built, when its env folders would be another runtime's
   * (see `packEnvClashes`); null otherwise.
   */
  clashOf(packRef: string, runtimeRef: string): string | null {
    const pack = this.deps.packs.findByRef(packRef)
    if (!pack) return null
    const owners = envOwners(this.deps.runtimes.list(), (runtime) => this.deps.versions.listByRuntime(runtime.id))
    const clash = packEnvClashes(this.deps.packs.listActions(pack.id), owners).find((candidate) => candidate.first.ref === runtimeRef || candidate.second.ref === runtimeRef)
    return clash === undefined ? null : clashMessage(pack.ref, clash)
  }

  /** Setup runs in the pack folder and reads its manifest: without the folder there is nothing to build from. */
  private async packFolderMissing(spec: EnvSpec): Promise<EnvSetupOutcome> {
    const error = `the pack folder ${spec.packDir} does not exist (moved or deleted?), so this env was not set up; add the pack again from where it is now, or remove it`
    return { ...toView(await this.deps.builder.inspect(spec)), error, action: 'failed', logTail: [] }
  }

  /** `env_setup.rs` `process_runtime_for_pack`: a worker whose filter leaves the runtime out does not claim its envs. */
  private unclaimed(spec: EnvSpec): string | null {
    const runtime = this.deps.runtimes.findByRef(spec.runtimeRef)
    return runtime === null ? null : unclaimedByFilter(runtime, this.deps.runtimeFilter ?? null)
  }

  private async skipped(spec: EnvSpec): Promise<EnvSetupOutcome> {
    const reason = `not set up: ${this.unclaimed(spec) ?? 'the runtime filter excludes it'}`
    return { ...toView(await this.deps.builder.inspect(spec)), statusReason: reason, action: 'skipped', logTail: [] }
  }

  private progress(spec: EnvSpec, line: string): void {
    this.deps.events.emit('env.progress', { pack: spec.packRef, runtime: spec.runtimeRef, version: spec.version, line })
  }

  private aliasOf(runtimeRef: string, name: string): boolean {
    const runtime = this.deps.runtimes.findByRef(runtimeRef)
    return runtime !== null && runtime.aliases.includes(name)
  }

  private specByDir(dir: string): EnvSpec | undefined {
    return this.known.get(dir)
  }

  private findPack(ref: string): PackRecord {
    const pack = this.deps.packs.findByRef(ref.trim().toLowerCase())
    if (pack) return pack
    throw badInput(unknownNameMessage('pack', ref, this.deps.packs.list().map((pack) => pack.ref)))
  }
}

function toView(inspection: EnvInspection): EnvView {
  const { plan: _plan, logTail: _logTail, failureCurrent: _failureCurrent, ...view } = inspection
  return view
}

function toOutcome(result: EnvBuildResult): EnvSetupOutcome {
  const action = result.status === 'failed' ? 'failed' : result.plan === 'none' ? 'none' : 'built'
  return { ...toView(result.view), action, logTail: result.logTail }
}
