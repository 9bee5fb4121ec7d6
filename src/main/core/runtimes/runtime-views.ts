import type { RuntimeVersionView, RuntimeView } from '../../../shared/domain/runtime'
import type { RuntimeRecord } from '../store/runtime-repository'
import type { RuntimeVersionRecord } from '../store/runtime-version-repository'

/** The stable JSON shape of a runtime version (DESIGN.md "CLI contract"). */
export function toVersionView(runtime: RuntimeRecord, row: RuntimeVersionRecord): RuntimeVersionView {
  return {
    runtime: runtime.ref,
    name: runtime.name,
    version: row.version,
    isDefault: row.isDefault,
    available: row.available,
    enabled: row.enabled,
    verifiedAt: row.verifiedAt,
    interpreter: row.interpreter,
    source: row.source,
    sourceDetail: row.sourceDetail,
    verification: row.verification,
    reason: row.reason,
    meta: row.meta
  }
}

export function toRuntimeView(runtime: RuntimeRecord, versions: readonly RuntimeVersionRecord[]): RuntimeView {
  return {
    ref: runtime.ref,
    name: runtime.name,
    aliases: runtime.aliases,
    description: runtime.description,
    packRef: runtime.packRef,
    origin: runtime.origin,
    sourceFile: runtime.sourceFile,
    available: runtime.available,
    verifiedAt: runtime.verifiedAt,
    reason: runtime.reason,
    verification: runtime.verification,
    versions: versions.map((row) => toVersionView(runtime, row))
  }
}
