import type { RunOptions } from '../../../shared/domain/execution'
import type { Resolution } from '../../../shared/domain/runtime'
import { badInput, WorkbenchError } from '../errors'
import type { RuntimeRecord } from '../store/runtime-repository'
import type { RuntimeVersionRecord } from '../store/runtime-version-repository'
import { explainSelection, matchesConstraint, sortLikeRepository } from '../versions'

/** The executor's version decision for one run (spec §2.4). */
export interface RunResolution {
  readonly resolution: Resolution
  /** The version whose `execution_config` overrides the runtime's, or null for the base config. */
  readonly selected: RuntimeVersionRecord | null
  /** Why the base config is used although a version was wanted; null otherwise. */
  readonly fallback: string | null
}

/**
 * `resolve_runtime_version` (spec §2.4, seed §2) with this machine's available and enabled versions
 * standing for the worker's advertised ones. Nothing selected means the base runtime config with a
 * warning, as the worker does, unless `strict`. `version` pins the run (it must satisfy the
 * constraint unless `force`).
 */
export function resolveRunVersion(
  runtime: RuntimeRecord,
  rows: readonly RuntimeVersionRecord[],
  constraint: string | null,
  options: RunOptions
): RunResolution {
  const ordered = sortLikeRepository(rows)
  const explained: Resolution = {
    runtime: runtime.ref,
    ...explainSelection(
      ordered.map((row) => ({ version: row.version, available: row.available, enabled: row.enabled, isDefault: row.isDefault, unavailableReason: row.reason })),
      constraint
    )
  }
  if (options.version) return pinned(runtime, ordered, constraint, options, explained)
  const selected = explained.selected === null ? null : (ordered.find((row) => row.version === explained.selected) ?? null)
  if (selected) return { resolution: explained, selected, fallback: null }
  if (ordered.length === 0) {
    const fallback = constraint ? `${runtime.name} has no registered versions, so the constraint '${constraint}' cannot apply; ${baseNote(runtime)}` : null
    return strictOrFallback(options, explained, fallback)
  }
  const why = !explained.valid
    ? `the constraint '${constraint}' is invalid (${explained.error})`
    : constraint
      ? `no available, enabled ${runtime.name} version satisfies '${constraint}'`
      : `no ${runtime.name} version is available and enabled`
  return strictOrFallback(options, explained, `${why}; ${baseNote(runtime)}`)
}

function baseNote(runtime: RuntimeRecord): string {
  return `like the worker, the run uses the base ${runtime.name} config`
}

function strictOrFallback(options: RunOptions, resolution: Resolution, fallback: string | null): RunResolution {
  if (options.strict && fallback) {
    // Strict mode refuses the worker's fallback, so the message keeps only why nothing was selected.
    throw new WorkbenchError('environment', `strict mode: ${fallback.replace(/; like the worker.*$/, '')}`)
  }
  return { resolution, selected: null, fallback }
}

function pinned(runtime: RuntimeRecord, rows: readonly RuntimeVersionRecord[], constraint: string | null, options: RunOptions, explained: Resolution): RunResolution {
  const wanted = String(options.version).trim()
  const row = rows.find((candidate) => candidate.version === wanted)
  if (!row) {
    throw badInput(`--version ${wanted}: ${runtime.name} has no such version (registered: ${rows.map((r) => r.version).join(', ') || 'none'})`)
  }
  if (!row.available) throw new WorkbenchError('environment', `--version ${wanted}: ${runtime.name} ${wanted} is unavailable on this machine (${row.reason ?? 'not verified'})`)
  if (!row.enabled) throw new WorkbenchError('environment', `--version ${wanted}: ${runtime.name} ${wanted} is disabled; enable it first (runtimes enable ${runtime.ref} ${wanted})`)
  if (constraint && !options.force && !satisfies(wanted, constraint)) {
    throw badInput(`--version ${wanted} does not satisfy the action's constraint '${constraint}' (add --force to run it anyway)`)
  }
  const decision = `pinned to ${runtime.name} ${wanted} by --version${constraint && !satisfies(wanted, constraint) ? ` (forced: outside '${constraint}')` : ''}`
  const resolution: Resolution = {
    ...explained,
    selected: wanted,
    fallback: null,
    decision,
    // The selection's own reasons no longer hold: the pin decides, for the pinned row and the one it displaced.
    candidates: explained.candidates.map((candidate) =>
      candidate.version === wanted
        ? { ...candidate, selected: true, reason: `selected: ${decision}` }
        : { ...candidate, selected: false, reason: candidate.selected ? `not selected: the run is pinned to ${wanted}` : candidate.reason }
    )
  }
  return { resolution, selected: row, fallback: null }
}

function satisfies(version: string, constraint: string): boolean {
  try {
    return matchesConstraint(version, constraint)
  } catch {
    return false
  }
}
