import type { InterpreterFamily } from '../discovery'
import { normalizeRuntimeName, runtimeBaseName } from './runtime-filter'

/** The discovery family of a runtime (python or node), from its ref, name or aliases; null for others. */
export function interpreterFamilyOf(runtime: { readonly ref: string; readonly name: string; readonly aliases: readonly string[] }): InterpreterFamily | null {
  for (const name of [runtimeBaseName(runtime.ref), runtime.name, ...runtime.aliases]) {
    const normalized = normalizeRuntimeName(name)
    if (normalized === 'python' || normalized === 'node') return normalized
  }
  return null
}
