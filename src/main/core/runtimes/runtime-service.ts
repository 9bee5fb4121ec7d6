import type { ActionDefinition } from '../../../shared/domain/pack'
import { unknownNameMessage } from '../../../shared/text/closest-name'
import type { Resolution, RuntimeVersionView, RuntimeView } from '../../../shared/domain/runtime'
import { badInput } from '../errors'
import type { EventBus } from '../events'
import type { RuntimeRecord, RuntimeRepository } from '../store/runtime-repository'
import type { RuntimeVersionRepository } from '../store/runtime-version-repository'
import { aliasesContain } from '../verify/runtime-filter'
import type { RuntimeVerifier, VerifySummary } from '../verify/runtime-verifier'
import { explainSelection, sortLikeRepository, type ExplainCandidate } from '../versions'
import { parseCandidateList } from './candidate-list'
import { toggleImpact, type ToggleImpact } from './impact'
import { toRuntimeView, toVersionView } from './runtime-views'

/**
 * Runtimes and their versions on this machine: listing, verification, the user's toggle, and
 * resolution of a constraint exactly as the worker would select (spec §2.3–2.4).
 */
export class RuntimeService {
  constructor(
    private readonly runtimes: RuntimeRepository,
    private readonly versions: RuntimeVersionRepository,
    private readonly verifier: RuntimeVerifier,
    private readonly events: EventBus
  ) {}

  list(): RuntimeView[] {
    return this.runtimes.list().map((runtime) => toRuntimeView(runtime, this.versions.listByRuntime(runtime.id)))
  }

  /** Verify now (all runtimes, or one), then return the fresh views. */
  async verify(runtimeName?: string): Promise<{ summary: VerifySummary; runtimes: RuntimeView[] }> {
    const runtime = runtimeName === undefined ? undefined : this.find(runtimeName)
    const summary = await this.verifier.verify({ runtime })
    // Re-read: the record found above predates its own runtime-level verification.
    const runtimes = runtime ? this.list().filter((view) => view.ref === runtime.ref) : this.list()
    return { summary, runtimes }
  }

  /** Verify whatever has never been verified (a fresh home, a newly loaded runtime). */
  async ensureVerified(): Promise<void> {
    await this.verifier.verify({ onlyUnverified: true })
  }

  /** The user's toggle; verification never overrides it. */
  setEnabled(runtimeName: string, version: string, enabled: boolean): RuntimeVersionView {
    const runtime = this.find(runtimeName)
    const rows = this.versions.listByRuntime(runtime.id)
    const row = rows.find((candidate) => candidate.version === version)
    if (!row) {
      const known = rows.map((candidate) => candidate.version).join(', ') || 'none'
      throw badInput(`${runtime.name} has no version '${version}' (known versions: ${known})`)
    }
    this.versions.setEnabled(row.id, enabled)
    this.events.emit('runtime.changed', { runtime: runtime.ref, version })
    return toVersionView(runtime, { ...row, enabled })
  }

  /**
   * Explain which version a constraint selects. With `candidates` (the `--candidates` list) the
   * machine is ignored; otherwise the runtime's versions as last verified, with the user's toggles.
   */
  async resolve(runtimeName: string, options: { constraint?: string | null; candidates?: string } = {}): Promise<Resolution> {
    let runtimeRef: string
    let candidates: ExplainCandidate[]
    if (options.candidates !== undefined) {
      runtimeRef = this.tryFind(runtimeName)?.ref ?? runtimeName
      candidates = parseCandidateList(options.candidates)
    } else {
      const runtime = this.find(runtimeName)
      await this.verifier.verify({ runtime, onlyUnverified: true })
      runtimeRef = runtime.ref
      candidates = this.versions.listByRuntime(runtime.id).map((row) => ({
        version: row.version,
        available: row.available,
        enabled: row.enabled,
        isDefault: row.isDefault,
        unavailableReason: row.reason
      }))
    }
    return { runtime: runtimeRef, ...explainSelection(sortLikeRepository(candidates), options.constraint ?? null) }
  }

  /** What toggling a version would change, before it is done (the UI's impact preview). */
  impact(runtimeName: string, version: string, enabled: boolean, actions: readonly ActionDefinition[]): ToggleImpact[] {
    const runtime = this.find(runtimeName)
    const rows = this.versions.listByRuntime(runtime.id)
    if (!rows.some((row) => row.version === version)) throw badInput(`${runtime.name} has no version '${version}'`)
    return toggleImpact(runtime, rows, actions, version, enabled)
  }

  /** How an action's constraint resolves now against this machine's versions (no verification run). */
  resolveNow(runtimeRef: string, constraint: string | null): Resolution | null {
    const runtime = this.runtimes.findByRef(runtimeRef)
    if (!runtime) return null
    const candidates = this.versions.listByRuntime(runtime.id).map((row) => ({
      version: row.version,
      available: row.available,
      enabled: row.enabled,
      isDefault: row.isDefault,
      unavailableReason: row.reason
    }))
    return { runtime: runtime.ref, ...explainSelection(sortLikeRepository(candidates), constraint) }
  }

  /** Look a runtime up by ref, by name (case-insensitive) or by alias, as the worker does. */
  find(name: string): RuntimeRecord {
    const runtime = this.tryFind(name)
    if (runtime) return runtime
    const all = this.runtimes.list()
    const nearby = all.flatMap((r) => [r.ref, r.name.toLowerCase(), ...r.aliases])
    throw badInput(unknownNameMessage('runtime', name, all.map((r) => r.ref), nearby))
  }

  private tryFind(name: string): RuntimeRecord | null {
    const wanted = name.trim().toLowerCase()
    const all = this.runtimes.list()
    return (
      all.find((runtime) => runtime.ref === wanted) ??
      all.find((runtime) => runtime.name.toLowerCase() === wanted) ??
      all.find((runtime) => aliasesContain(runtime.aliases, wanted)) ??
      null
    )
  }
}
