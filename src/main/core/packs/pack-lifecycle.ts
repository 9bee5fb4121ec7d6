import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { PackView } from '../../../shared/domain/pack'
import type { EnvService, EnvSetupOutcome } from '../envs/env-service'
import { WorkbenchError } from '../errors'
import type { EventBus } from '../events'
import type { RuntimeService } from '../runtimes/runtime-service'
import type { SettingRepository } from '../store/setting-repository'
import type { PackService } from './pack-service'
import { PackWatcher } from './pack-watcher'

const EXAMPLES_OFFERED = 'example-packs-offered'

export interface PackLifecycleDeps {
  readonly runtimes: RuntimeService
  readonly packs: PackService
  readonly envs: EnvService
  readonly events: EventBus
  readonly settings: SettingRepository
  readonly examplePacksDir: string | null
}

/** A registered (or reloaded) pack with the state of its environments. */
export interface PackRegistration {
  readonly pack: PackView
  readonly envs: readonly EnvSetupOutcome[]
  /** Set when the folder was registered already: the add reloaded it, and this says so. */
  readonly notice?: string
}

/** What startup did, for the host's progress display. */
export interface StartReport {
  readonly examplePacks: readonly string[]
  readonly problems: readonly string[]
  readonly envs: readonly EnvSetupOutcome[]
}

/**
 * Packs over time, in the worker's order (spec §6, §3.6, §4.6): startup verifies runtime versions, then
 * sets up every registered pack's environments; registering a pack re-verifies its runtimes and sets
 * up its envs; the watcher reloads a pack whose YAML or manifests change.
 */
export class PackLifecycle {
  private readonly watcher: PackWatcher
  private watching = false

  constructor(private readonly deps: PackLifecycleDeps) {
    this.watcher = new PackWatcher((ref) => void this.reloadQuietly(ref))
  }

  /** Host startup: verify → example packs on first start → env setup → watch. */
  async start(progress: (step: string) => void = () => undefined): Promise<StartReport> {
    progress('Verifying runtime versions')
    await this.deps.runtimes.verify()
    const { examplePacks, problems } = this.offerExamplePacks()
    progress('Setting up environments')
    const envs = await this.deps.envs.setup()
    this.watching = true
    this.syncWatcher()
    progress('Ready')
    return { examplePacks, problems, envs }
  }

  /** Register a pack folder, re-verify the runtimes it uses, and set up its environments. */
  async register(dir: string): Promise<PackRegistration> {
    const known = this.deps.packs.registeredAt(dir)
    const pack = this.deps.packs.add(dir)
    const envs = await this.afterLoad(pack)
    return known ? { pack, envs, notice: `${pack.dir} is already registered as pack '${known}'; it was reloaded` } : { pack, envs }
  }

  /** Read a pack's files again and bring its environments in step. */
  async reload(ref: string): Promise<PackRegistration> {
    const pack = this.deps.packs.reload(ref)
    return { pack, envs: await this.afterLoad(pack) }
  }

  remove(ref: string): void {
    this.deps.packs.remove(ref)
    this.syncWatcher()
  }

  dispose(): void {
    this.watching = false
    this.watcher.dispose()
  }

  private async afterLoad(pack: PackView): Promise<EnvSetupOutcome[]> {
    const runtimeRefs = [...new Set([...pack.actions.map((action) => action.runtimeRef), ...pack.runtimes].filter((ref): ref is string => ref !== null))]
    for (const ref of runtimeRefs) await this.deps.runtimes.verify(ref)
    this.syncWatcher()
    return this.deps.envs.setup(pack.ref)
  }

  private async reloadQuietly(ref: string): Promise<void> {
    try {
      await this.reload(ref)
    } catch {
      // The pack was removed meanwhile or its folder is gone; reload recorded the problem if it could.
    }
  }

  private syncWatcher(): void {
    if (this.watching) this.watcher.sync(this.deps.packs.list())
  }

  /** The first start registers the bundled example packs, once; removing one later is respected. */
  private offerExamplePacks(): { examplePacks: string[]; problems: string[] } {
    const { settings, examplePacksDir } = this.deps
    if (settings.get(EXAMPLES_OFFERED) !== null || !examplePacksDir || !existsSync(examplePacksDir)) return { examplePacks: [], problems: [] }
    const examplePacks: string[] = []
    const problems: string[] = []
    for (const entry of readdirSync(examplePacksDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue
      try {
        examplePacks.push(this.deps.packs.add(join(examplePacksDir, entry.name)).ref)
      } catch (error) {
        problems.push(error instanceof WorkbenchError ? error.message : String(error))
      }
    }
    settings.set(EXAMPLES_OFFERED, new Date().toISOString())
    return { examplePacks, problems }
  }
}
