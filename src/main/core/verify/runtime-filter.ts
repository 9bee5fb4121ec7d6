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

/** `normalize_runtime_name` (spec §3.3). */
export function normalizeRuntimeName(name: string): string {
  const lower = name.trim().toLowerCase()
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
    .map((part) => part.trim().toLowerCase())
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
