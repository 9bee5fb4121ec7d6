import { readFileSync } from 'node:fs'

/**
 * What every bench reports: the median of at least seven samples, with min and max, and ratios of medians
 * against a baseline measured in the same run (interleaved with it, so a busy machine slows both alike).
 */
export interface Summary {
  readonly n: number
  readonly median: number
  readonly min: number
  readonly max: number
}

/** At least this many samples per figure. */
export const MIN_SAMPLES = 7

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
  return { n: sorted.length, median, min: sorted[0]!, max: sorted[sorted.length - 1]! }
}

/** `12.3 ms (min 11.0, max 15.2, n=21)` */
export function formatSummary(summary: Summary, unit: string, digits = 1): string {
  const f = (value: number): string => value.toFixed(digits)
  return `${f(summary.median)} ${unit} (min ${f(summary.min)}, max ${f(summary.max)}, n=${summary.n})`
}

/** The sample count from an environment variable, never below {@link MIN_SAMPLES}. */
export function sampleCount(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback)
  return Number.isFinite(value) ? Math.max(MIN_SAMPLES, Math.floor(value)) : fallback
}

/** Milliseconds since a `process.hrtime.bigint()` reading. */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6
}

/** Run `subject` and `baseline` alternately, `count` times each, and summarise both. */
export async function interleaved(
  count: number,
  baseline: () => Promise<number> | number,
  subject: () => Promise<number> | number
): Promise<{ baseline: Summary; subject: Summary }> {
  const base: number[] = []
  const measured: number[] = []
  for (let i = 0; i < count; i++) {
    base.push(await baseline())
    measured.push(await subject())
  }
  return { baseline: summarize(base), subject: summarize(measured) }
}

/** This process's exact peak resident set (VmHWM), in bytes; null off Linux. */
export function peakRss(): number | null {
  try {
    const status = readFileSync('/proc/self/status', 'utf8')
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status)
    return match === null ? null : Number(match[1]) * 1024
  } catch {
    return null
  }
}
