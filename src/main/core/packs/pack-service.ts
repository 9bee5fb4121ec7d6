import { homedir } from 'node:os'
import { realpathSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { PackProblem, PackView } from '../../../shared/domain/pack'
import { unknownNameMessage } from '../../../shared/text/closest-name'
import { applyRuntimeDefinitions } from '../catalog/catalog-loader'
import { formatProblem } from '../catalog/problems'
import { loadedPackClashProblems } from '../envs/env-clash'
import { envOwners } from '../envs/env-plan'
import { badInput } from '../errors'
import type { EventBus } from '../events'
import type { PackRecord, PackRepository } from '../store/pack-repository'
import type { RuntimeRepository } from '../store/runtime-repository'
import type { RuntimeVersionRepository } from '../store/runtime-version-repository'
import { createRunnerResolver, loadPackSync, type PackDefinition } from './pack-loader'

export interface PackServiceDeps {
  readonly packs: PackRepository
  readonly runtimes: RuntimeRepository
  readonly versions: RuntimeVersionRepository
  readonly transaction: <T>(fn: () => T) => T
  readonly events: EventBus
  /** `{runtime_envs_dir}`: a removed pack's envs go with it (spec §4.8). */
  readonly runtimeEnvsDir: string
}

/**
 * Registered packs: added where they lie (the author's working copy), reloaded on demand or by the
 * watcher, removed with their environments. Loads follow the worker's order: the pack's runtimes,
 * then its actions (spec §1.11).
 */
export class PackService {
  constructor(private readonly deps: PackServiceDeps) {}

  /** Register the pack in `dir` (or reload it if that folder is already registered). */
  add(dir: string): PackView {
    const absolute = canonicalDir(dir)
    const registered = this.deps.packs.findByDir(absolute)
    const loaded = this.load(absolute, registered?.ref ?? null)
    if ('error' in loaded) throw badInput(formatProblem(loaded.error))
    const owner = this.deps.packs.findByRef(loaded.ref)
    if (owner && owner.dir !== absolute) {
      throw badInput(
        `${join(absolute, 'pack.yaml')}: ref: cannot register ${absolute}: a pack named '${loaded.ref}' is already registered from ${owner.dir}; remove it first (packs remove ${loaded.ref}) or give this pack another ref`
      )
    }
    if (registered && registered.ref !== loaded.ref) {
      throw badInput(
        `${join(absolute, 'pack.yaml')}: ref: this folder is registered as pack '${registered.ref}' and its ref is now '${loaded.ref}'; remove the old pack first (packs remove ${registered.ref})`
      )
    }
    return this.store(loaded)
  }

  /** The ref of the pack registered from `dir` (after `~` expansion and symlinks), or null. */
  registeredAt(dir: string): string | null {
    try {
      return this.deps.packs.findByDir(canonicalDir(dir))?.ref ?? null
    } catch {
      return null
    }
  }

  list(): PackView[] {
    return this.deps.packs.list().map((record) => this.view(record))
  }

  get(ref: string): PackView {
    return this.view(this.find(ref))
  }

  /**
   * Read the pack's files again. A pack whose folder vanished or whose pack.yaml broke keeps its last
   * good actions and shows the problem.
   */
  reload(ref: string): PackView {
    const record = this.find(ref)
    const loaded = this.load(record.dir, record.ref)
    if ('error' in loaded) {
      this.deps.packs.setProblems(record.id, [loaded.error])
      return this.view(this.find(ref))
    }
    if (loaded.ref !== record.ref) {
      const problem: PackProblem = {
        file: join(record.dir, 'pack.yaml'),
        field: 'ref',
        line: null,
        severity: 'error',
        message: `the pack's ref changed from '${record.ref}' to '${loaded.ref}'; remove and add the pack again to rename it`
      }
      this.deps.packs.setProblems(record.id, [problem])
      return this.view(this.find(ref))
    }
    return this.store(loaded)
  }

  /** Unregister the pack, retire its runtimes and delete its environments (spec §4.8). */
  remove(ref: string): void {
    const record = this.find(ref)
    this.deps.transaction(() => {
      this.deps.packs.delete(record.id)
      this.deps.runtimes.retireMissing({ origin: 'pack', packRef: record.ref }, [])
    })
    rmSync(join(this.deps.runtimeEnvsDir, record.ref), { recursive: true, force: true })
    this.deps.events.emit('pack.removed', { pack: record.ref })
  }

  find(ref: string): PackRecord {
    const record = this.deps.packs.findByRef(ref.trim().toLowerCase())
    if (record) return record
    throw badInput(unknownNameMessage('pack', ref, this.deps.packs.list().map((pack) => pack.ref)))
  }

  /**
   * The loader resolves runner_type against the registered runtimes and the pack's own (spec §1.11 load
   * order). The pack's own runtimes as stored from its last load are left out: the files on disk decide
   * them now, so an action naming a runtime whose file was deleted is reported, not bound to a retired row.
   */
  private load(dir: string, ownRef: string | null): PackDefinition | { error: PackProblem } {
    const others = this.deps.runtimes.list().filter((runtime) => !(runtime.origin === 'pack' && runtime.packRef === ownRef))
    return loadPackSync(dir, createRunnerResolver(others))
  }

  private store(loaded: PackDefinition): PackView {
    const { packs, runtimes, versions, transaction } = this.deps
    const others = runtimes.list().filter((runtime) => !(runtime.origin === 'pack' && runtime.packRef === loaded.ref))
    const clashes = loadedPackClashProblems(loaded, envOwners(others, (runtime) => versions.listByRuntime(runtime.id)))
    const record = transaction(() => {
      const pack = packs.upsert({
        ref: loaded.ref,
        dir: loaded.dir,
        label: loaded.label,
        description: loaded.description,
        version: loaded.version,
        problems: [...loaded.problems, ...clashes],
        components: loaded.components,
        watchedFiles: loaded.watchedFiles
      })
      applyRuntimeDefinitions({ runtimes, versions, transaction }, loaded.runtimes.map((r) => ({ ...r, packRef: loaded.ref })), 'pack')
      runtimes.retireMissing({ origin: 'pack', packRef: loaded.ref }, loaded.runtimes.map((r) => r.ref))
      packs.replaceActions(pack.id, loaded.actions)
      return pack
    })
    const runtimeNames = [...new Set(loaded.actions.map((action) => action.runtimeRef).filter((ref): ref is string => ref !== null))]
    this.deps.events.emit('pack.registered', { pack: loaded.ref, runtimeNames })
    return this.view(record)
  }

  private view(record: PackRecord): PackView {
    return {
      ref: record.ref,
      label: record.label,
      description: record.description,
      version: record.version,
      dir: record.dir,
      registeredAt: record.registeredAt,
      loadedAt: record.loadedAt,
      actions: this.deps.packs.listActions(record.id),
      runtimes: this.deps.runtimes.list().filter((r) => r.origin === 'pack' && r.packRef === record.ref).map((r) => r.ref),
      components: record.components,
      problems: record.problems
    }
  }
}

/** `~` and `~/x` are the user's home, as a shell would expand them (a path typed into the UI is not). */
export function expandHome(dir: string, home = homedir()): string {
  return dir === '~' ? home : dir.startsWith('~/') ? join(home, dir.slice(2)) : dir
}

function canonicalDir(dir: string): string {
  let absolute: string
  try {
    absolute = realpathSync(expandHome(dir))
  } catch {
    throw badInput(`pack folder ${expandHome(dir)} does not exist`)
  }
  if (!statSync(absolute).isDirectory()) throw badInput(`${dir} is not a folder (point at the folder holding pack.yaml)`)
  return absolute
}
