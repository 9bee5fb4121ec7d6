/** One field that differs between a baseline result and another run's (paths like `items[2].name`). */
export interface FieldChange {
  readonly path: string
  readonly kind: 'added' | 'removed' | 'changed'
  /** The baseline's value (absent when added). */
  readonly before?: unknown
  /** This run's value (absent when removed). */
  readonly after?: unknown
}

/** One line of a line diff: kept (` `), only in the baseline (`-`) or only in this run (`+`). */
export interface LineChange {
  readonly op: ' ' | '-' | '+'
  readonly text: string
}

/** How one run's outcome compares with the baseline run's. */
export interface RunDiff {
  /** The baseline's version label (`3.13`), for "differs from 3.13". */
  readonly baseline: string
  readonly same: boolean
  readonly status: { readonly before: string; readonly after: string } | null
  readonly exitCode: { readonly before: number | null; readonly after: number | null } | null
  /** Field-level changes when both results are JSON values; null otherwise. */
  readonly fields: readonly FieldChange[] | null
  /** Line diffs of stdout/stderr when the results are not both JSON and the text differs; null otherwise. */
  readonly stdout: readonly LineChange[] | null
  readonly stderr: readonly LineChange[] | null
}

/** The parts of a run a comparison reads. */
export interface RunOutcome {
  readonly status: string
  readonly exitCode: number | null
  readonly result: unknown
  readonly stdout: string
  readonly stderr: string
}

/** Longest texts compared line by line; past this the diff is a single removed/added pair (LCS is quadratic). */
const MAX_DIFF_LINES = 2000

/** Compare a run's outcome with the baseline's: status, exit code, then result fields or output lines. */
export function diffRuns(baselineLabel: string, baseline: RunOutcome, run: RunOutcome): RunDiff {
  const status = baseline.status === run.status ? null : { before: baseline.status, after: run.status }
  const exitCode = baseline.exitCode === run.exitCode ? null : { before: baseline.exitCode, after: run.exitCode }
  const bothJson = isPresent(baseline.result) && isPresent(run.result)
  const fields = bothJson ? diffValues(baseline.result, run.result) : null
  const stdout = !bothJson && baseline.stdout !== run.stdout ? diffLines(baseline.stdout, run.stdout) : null
  const stderr = !bothJson && baseline.stderr !== run.stderr ? diffLines(baseline.stderr, run.stderr) : null
  const same = status === null && exitCode === null && (fields?.length ?? 0) === 0 && stdout === null && stderr === null
  return { baseline: baselineLabel, same, status, exitCode, fields, stdout, stderr }
}

/** Added, removed and changed fields between two JSON values; mappings and lists are walked, leaves compared. */
export function diffValues(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (isMapping(before) && isMapping(after)) {
    const changes: FieldChange[] = []
    for (const key of Object.keys(before)) {
      const at = path === '' ? key : `${path}.${key}`
      if (!(key in after)) changes.push({ path: at, kind: 'removed', before: before[key] })
      else changes.push(...diffValues(before[key], after[key], at))
    }
    for (const key of Object.keys(after)) {
      if (!(key in before)) changes.push({ path: path === '' ? key : `${path}.${key}`, kind: 'added', after: after[key] })
    }
    return changes
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: FieldChange[] = []
    for (let index = 0; index < Math.max(before.length, after.length); index++) {
      const at = `${path}[${index}]`
      if (index >= after.length) changes.push({ path: at, kind: 'removed', before: before[index] })
      else if (index >= before.length) changes.push({ path: at, kind: 'added', after: after[index] })
      else changes.push(...diffValues(before[index], after[index], at))
    }
    return changes
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: path === '' ? '(result)' : path, kind: 'changed', before, after }]
}

/**
 * A line diff (longest common subsequence). Written here, not taken from a package: a few lines cover a
 * matrix's short outputs and the same code runs in the engine and the UI without a new dependency.
 */
export function diffLines(before: string, after: string): LineChange[] {
  const a = splitLines(before)
  const b = splitLines(after)
  if (a.length > MAX_DIFF_LINES || b.length > MAX_DIFF_LINES) {
    return [...a.map((text) => ({ op: '-' as const, text })), ...b.map((text) => ({ op: '+' as const, text }))]
  }
  // lengths[i][j]: the LCS length of a[i..] and b[j..].
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!)
    }
  }
  const lines: LineChange[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ op: ' ', text: a[i++]! })
      j++
    } else if (j < b.length && (i === a.length || lengths[i]![j + 1]! > lengths[i + 1]![j]!)) {
      lines.push({ op: '+', text: b[j++]! })
    } else {
      lines.push({ op: '-', text: a[i++]! })
    }
  }
  return lines
}

function splitLines(text: string): string[] {
  if (text === '') return []
  return text.replace(/\n$/, '').split('\n')
}

function isPresent(value: unknown): boolean {
  return value !== null && value !== undefined
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
