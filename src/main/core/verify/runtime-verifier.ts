import { findOnPathSync, type Inventory, type Prober } from '../discovery'
import type { Candidate } from '../discovery/candidate-list'
import type { RuntimeRecord, RuntimeRepository } from '../store/runtime-repository'
import type { RuntimeVersionRecord, RuntimeVersionRepository } from '../store/runtime-version-repository'
import { mapLimit } from '../util/map-limit'
import { interpreterFamilyOf } from './interpreter-family'
import { InterpreterResolver } from './interpreter-resolver'
import { DEFAULT_PROBE_TIMEOUT_MS } from './probe-check'
import { aliasesMatchFilter, normalizeRuntimeName, runtimeBaseName } from './runtime-filter'
import { standInFilter, type WantedVersion } from './usable-candidates'
import { verifyRuntimeLevel } from './verify-runtime'
import { verifyVersion, type VersionVerification } from './verify-version'

export interface VerifySummary {
  readonly checked: number
  readonly available: number
  readonly unavailable: number
  readonly skipped: number
}

export interface RuntimeVerifierDeps {
  readonly runtimes: RuntimeRepository
  readonly versions: RuntimeVersionRepository
  readonly prober: Prober
  /** The prober's per-command timeout (reported when a command is killed); default 10 s. */
  readonly probeTimeoutMs?: number
  /** Builds the interpreter inventory of the candidates `wanted` accepts (cached probes make repeated calls cheap). */
  readonly discover: (wanted: (candidate: Candidate) => boolean) => Promise<Inventory>
  /** PATH of the cleared probe environment. */
  readonly pathValue: string
  readonly filter: readonly string[] | null
  readonly concurrency: number
  readonly onVerified?: (runtimeRef: string) => void
  /** Runs the writes of one verification as one database transaction; default: as they come. */
  readonly transaction?: <T>(fn: () => T) => T
}

const NO_INVENTORY: Inventory = { installations: [], skipped: [] }

/**
 * Verifies runtime versions and runtimes and writes the outcome (spec §3.2), never touching the
 * user's `enabled` toggle. One failing probe never stops the others.
 */
export class RuntimeVerifier {
  constructor(private readonly deps: RuntimeVerifierDeps) {}

  /** Verify every runtime (or the one given) and its versions; versions run in parallel. */
  async verify(options: { runtime?: RuntimeRecord; onlyUnverified?: boolean } = {}): Promise<VerifySummary> {
    const { runtimes, versions } = this.deps
    const targets = options.runtime ? [options.runtime] : runtimes.list()
    const rows = targets.flatMap((runtime) =>
      versions.listByRuntime(runtime.id).filter((row) => !options.onlyUnverified || row.verifiedAt === null).map((row) => ({ runtime, row }))
    )
    const runtimeTargets = targets.filter((runtime) => !options.onlyUnverified || runtime.verifiedAt === null)
    if (rows.length === 0 && runtimeTargets.length === 0) return { checked: 0, available: 0, unavailable: 0, skipped: 0 }
    const judged = rows.map((target) => ({ ...target, excluded: this.filterReason(target.runtime) }))
    const probe = { prober: this.deps.prober, timeoutMs: this.deps.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS }
    // Runtime-level checks need no inventory, so they run while discovery and the version checks do.
    const runtimeChecks = mapLimit(runtimeTargets, this.deps.concurrency, async (runtime) => ({
      runtime,
      outcome: await verifyRuntimeLevel(runtime, { ...probe, pathValue: this.deps.pathValue, filter: this.deps.filter })
    }))
    // Their processes start in the promise jobs just queued; one loop turn lets them start before discovery's
    // folder scans, which are synchronous, hold the loop. Among them is often the slowest probe of all (a JVM
    // answering `java -version` takes tens of milliseconds), which then runs while the rest is done.
    await new Promise<void>((resolve) => setImmediate(resolve))
    // Discovery probes only the interpreters a row could stand on: none when every row is filtered out or
    // finds its own command on PATH.
    const wanted = this.standInsWanted(judged.filter((target) => target.excluded === null))
    const inventory = wanted.length === 0 ? NO_INVENTORY : await this.deps.discover(standInFilter(wanted))
    const resolver = new InterpreterResolver(inventory, this.deps.pathValue)
    const context = { ...probe, resolver, pathValue: this.deps.pathValue }
    const verified = await mapLimit(judged, this.deps.concurrency, async ({ runtime, row, excluded }) => ({
      row,
      outcome: excluded ?? (await this.safely(row, () => verifyVersion({ ...row, family: interpreterFamilyOf(runtime) }, context)))
    }))
    const runtimesVerified = await runtimeChecks
    // One transaction once every probe is done, instead of a commit per row while probes are still starting.
    const write = this.deps.transaction ?? ((fn: () => void) => fn())
    write(() => {
      for (const { runtime, outcome } of runtimesVerified) runtimes.setVerification(runtime.id, outcome)
      for (const { row, outcome } of verified) versions.setVerification(row.id, outcome)
    })
    const skipped = judged.filter((target) => target.excluded !== null).length
    for (const runtime of targets) this.deps.onVerified?.(runtime.ref)
    const available = verified.filter(({ outcome }) => outcome.available).length
    return { checked: verified.length - skipped, available, unavailable: verified.length - available - skipped, skipped }
  }

  /**
   * The versions whose interpreter command is bare and not on PATH: only they can be resolved to a discovered
   * installation (see {@link InterpreterResolver}).
   */
  private standInsWanted(targets: readonly { runtime: RuntimeRecord; row: RuntimeVersionRecord }[]): WantedVersion[] {
    return targets.flatMap(({ runtime, row }) => {
      const family = interpreterFamilyOf(runtime)
      const binary = row.executionConfig.interpreter?.binary ?? ''
      const standInPossible = family !== null && binary !== '' && !/[/\\]/.test(binary) && findOnPathSync(binary, this.deps.pathValue, { skipShims: true }) === null
      return standInPossible ? [{ family, version: row.version }] : []
    })
  }

  /** Spec §3.2: the filter matches the ref's last segment by normalized name (aliases unused). */
  private filterReason(runtime: RuntimeRecord): VersionVerification | null {
    const { filter } = this.deps
    if (!filter || aliasesMatchFilter([runtimeBaseName(runtime.ref)], filter)) return null
    const reason = `not verified: ATTUNE_WORKER_RUNTIMES=${filter.join(',')} does not include ${normalizeRuntimeName(runtimeBaseName(runtime.ref))}`
    return {
      available: false,
      interpreter: null,
      source: null,
      sourceDetail: null,
      reason,
      verification: { command: null, exitCode: null, matched: false, output: '', attempts: [] }
    }
  }

  private async safely(row: RuntimeVersionRecord, verify: () => Promise<VersionVerification>): Promise<VersionVerification> {
    try {
      return await verify()
    } catch (error) {
      return {
        available: false,
        interpreter: null,
        source: null,
        sourceDetail: null,
        reason: `verification of ${row.runtimeRef} ${row.version} failed: ${(error as Error).message}`,
        verification: { command: null, exitCode: null, matched: false, output: '', attempts: [] }
      }
    }
  }
}
