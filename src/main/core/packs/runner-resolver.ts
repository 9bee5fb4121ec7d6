import { builtInRunnerRef, type RunnerResolver } from './pack-loader'

/**
 * `runner_type` → runtime ref (spec §1.12): the built-in names first, then the value literally as a
 * ref, then case-insensitively as a runtime name.
 */
export function createRunnerResolver(runtimes: readonly { readonly ref: string; readonly name: string }[]): RunnerResolver {
  return {
    resolve(runnerType: string): string | null {
      const builtIn = builtInRunnerRef(runnerType)
      if (builtIn) return builtIn
      const literal = runtimes.find((runtime) => runtime.ref === runnerType)
      if (literal) return literal.ref
      const lower = runnerType.toLowerCase()
      return runtimes.find((runtime) => runtime.name.toLowerCase() === lower)?.ref ?? null
    }
  }
}
