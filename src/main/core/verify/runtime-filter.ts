import { rustTrim } from '../versions/rust-trim'

/** Spec §3.3: aliases that name the same runtime. Anything else stays as the lower-cased input. */
const CANONICAL_NAMES: Readonly<Record<string, string>> = {
  node: 'node', nodejs: 'node', 'node.js': 'node',
  python: 'python', python3: 'python',
  shell: 'shell', bash: 'shell', sh: 'shell',
  native: 'native', builtin: 'native', standalone: 'native',
  ruby: 'ruby', rb: 'ruby',
  go: 'go', golang: 'go',
  java: 'java', jdk: 'java', openjdk: 'java',
  perl: 'perl', perl5: 'perl',
  r: 'r', rscript: 'r'
}

/** `runtime_detection.rs` `normalize_runtime_name`: Rust `trim`, then ASCII-only lower-casing. */
export function normalizeRuntimeName(name: string): string {
  const lower = asciiLowercase(rustTrim(name))
  return CANONICAL_NAMES[lower] ?? lower
}

/**
 * Parse `ATTUNE_WORKER_RUNTIMES` (spec §3.3): null when unset; a set-but-empty value filters
 * everything out, which is not the same as unset.
 */
export function parseRuntimeFilter(value: string | undefined): string[] | null {
  if (value === undefined) return null
  return value
    .split(',')
    .map((part) => rustTrim(part).toLowerCase())
    .filter((part) => part !== '')
}

/** True if any normalized alias equals any normalized filter entry; empty lists never match. */
export function aliasesMatchFilter(aliases: readonly string[], filter: readonly string[]): boolean {
  const wanted = new Set(filter.map(normalizeRuntimeName))
  return aliases.some((alias) => wanted.has(normalizeRuntimeName(alias)))
}

/** True if `name` names one of `aliases` (case-insensitive, alias-aware). */
export function aliasesContain(aliases: readonly string[], name: string): boolean {
  return aliasesMatchFilter(aliases, [name])
}

/** The base name verification filters by: the ref's last segment, lower-cased (spec §3.2). */
export function runtimeBaseName(runtimeRef: string): string {
  return (runtimeRef.split('.').pop() ?? runtimeRef).toLowerCase()
}

/** The part of a filter a run or env names: the filter as set, and the runtime it leaves out. */
export interface RuntimeClaim {
  readonly ref: string
  readonly aliases: readonly string[]
}

/**
 * Why a worker with this filter does not claim the runtime, or null when it does (or no filter is set).
 *
 * `service.rs` registers a `ProcessRuntime` only for runtimes whose aliases match the filter
 * (`runtime_aliases_match_filter(&rt.aliases, filter)`), and `env_setup.rs` `process_runtime_for_pack`
 * claims their envs by the same test: such a worker neither runs the runtime's actions nor sets up its envs.
 */
export function unclaimedByFilter(runtime: RuntimeClaim, filter: readonly string[] | null): string | null {
  if (filter === null || aliasesMatchFilter(runtime.aliases, filter)) return null
  const aliases = runtime.aliases.length > 0 ? `its aliases ${runtime.aliases.join(', ')}` : 'it has no aliases'
  return `ATTUNE_WORKER_RUNTIMES=${filter.join(',')} does not include ${runtime.ref} (${aliases}), so a worker with this filter does not claim it`
}

function asciiLowercase(text: string): string {
  return text.replace(/[A-Z]+/g, (upper) => upper.toLowerCase())
}
