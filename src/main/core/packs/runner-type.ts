/** Maps an action's `runner_type` to the ref of the runtime that runs it (spec §1.12). */
export interface RunnerResolver {
  /** The runtime ref, or null when nothing matches. */
  resolve(runnerType: string): string | null
  /** Optional: the runtime refs it knows, to list them when a `runner_type` matches nothing. */
  knownRuntimeRefs?(): readonly string[]
}

/** The runtime a worker's pack loader hard-codes for each well-known `runner_type` (spec §1.12). */
const BUILT_IN_RUNNERS: ReadonlyMap<string, string> = new Map([
  ['shell', 'core.shell'],
  ['bash', 'core.shell'],
  ['sh', 'core.shell'],
  ['python', 'core.python'],
  ['python3', 'core.python'],
  ['node', 'core.nodejs'],
  ['nodejs', 'core.nodejs'],
  ['node.js', 'core.nodejs'],
  ['native', 'core.native'],
  ['builtin', 'core.native'],
  ['standalone', 'core.native']
])

/** The `runner_type` values with a built-in mapping, in a stable order for messages. */
export const BUILT_IN_RUNNER_TYPES: readonly string[] = [...BUILT_IN_RUNNERS.keys()]

/**
 * The built-in runtime of a `runner_type`, or null.
 *
 * spec §1.12: the value is lower-cased first; `shell|bash|sh` → core.shell, `python|python3` → core.python,
 * `node|nodejs|node.js` → core.nodejs, `native|builtin|standalone` → core.native. For anything else the caller
 * tries it literally as a runtime ref, then case-insensitively as a runtime name.
 */
export function builtInRunnerRef(runnerType: string): string | null {
  return BUILT_IN_RUNNERS.get(runnerType.toLowerCase()) ?? null
}

/** What a resolver needs to know about a runtime. */
export interface RunnerRuntime {
  readonly ref: string
  readonly name: string
}

/**
 * A resolver over a list of runtimes, with the worker's order (spec §1.12).
 *
 * Built-in mapping first, then the lower-cased value as a ref, then a case-insensitive runtime name.
 * A built-in mapping whose runtime is not in the list falls through to the ref and name lookups, as the
 * worker's database lookup would.
 */
export function createRunnerResolver(runtimes: readonly RunnerRuntime[]): RunnerResolver {
  const refs = new Set(runtimes.map((runtime) => runtime.ref))
  return {
    resolve(runnerType) {
      const lower = runnerType.toLowerCase()
      const candidate = builtInRunnerRef(lower) ?? lower
      if (refs.has(candidate)) return candidate
      if (refs.has(lower)) return lower
      return runtimes.find((runtime) => runtime.name.toLowerCase() === lower)?.ref ?? null
    },
    knownRuntimeRefs: () => [...refs].sort()
  }
}

/** A resolver that also finds the runtimes a pack defines itself (the worker loads them before actions). */
export function withPackRuntimes(runners: RunnerResolver, packRuntimes: readonly RunnerRuntime[]): RunnerResolver {
  if (packRuntimes.length === 0) return runners
  const own = createRunnerResolver(packRuntimes)
  return {
    resolve: (runnerType) => runners.resolve(runnerType) ?? own.resolve(runnerType),
    knownRuntimeRefs: () => [...new Set([...(runners.knownRuntimeRefs?.() ?? []), ...packRuntimes.map((r) => r.ref)])].sort()
  }
}

/** The end of an "unknown runner_type" message: what is accepted instead. */
export function describeAcceptedRunnerTypes(runners: RunnerResolver): string {
  const known = runners.knownRuntimeRefs?.() ?? []
  const refs = known.length > 0 ? `; known runtimes: ${known.join(', ')}` : ''
  return `use one of ${BUILT_IN_RUNNER_TYPES.join(', ')}, or a runtime's ref or name${refs}`
}
