/**
 * Whole-catalog verification on this machine, against the slowest single probe it needs (the floor a
 * truly parallel verification approaches): cold (empty probe cache) and warm (cached), each a fresh data
 * home, at least 7 rounds; medians with min and max. Run with `npm run bench:verify` (BENCH_ROUNDS).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openWorkbench } from '../src/main/core/workbench'
import { formatSummary, msSince, sampleCount, summarize, type Summary } from './stats'

const ROUNDS = sampleCount('BENCH_ROUNDS', 7)

async function timeVerify(options: { concurrency: number; warm: boolean }): Promise<{ ms: number; interpreters: string[] }> {
  const home = mkdtempSync(join(tmpdir(), 'attune-bench-'))
  const workbench = openWorkbench({ home, concurrency: options.concurrency })
  try {
    if (options.warm) await workbench.runtimes.verify()
    const started = process.hrtime.bigint()
    const { runtimes } = await workbench.runtimes.verify()
    const ms = msSince(started)
    const interpreters = runtimes.flatMap((r) => r.versions).flatMap((v) => (v.available && v.interpreter !== null ? [v.interpreter] : []))
    return { ms, interpreters }
  } finally {
    workbench.close()
    rmSync(home, { recursive: true, force: true })
  }
}

/** One `--version` probe spawned directly, milliseconds to exit. */
function probe(interpreter: string): Promise<number> {
  const started = process.hrtime.bigint()
  return new Promise((resolve) => {
    const child = spawn(interpreter, ['--version'], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } })
    child.stdout.on('data', () => undefined)
    child.stderr.on('data', () => undefined)
    child.on('error', () => resolve(msSince(started)))
    child.on('close', () => resolve(msSince(started)))
  })
}

async function main(): Promise<void> {
  const cold: number[] = []
  const warm: number[] = []
  const sequential: number[] = []
  const slowest: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const parallel = await timeVerify({ concurrency: 8, warm: false })
    cold.push(parallel.ms)
    sequential.push((await timeVerify({ concurrency: 1, warm: false })).ms)
    warm.push((await timeVerify({ concurrency: 8, warm: true })).ms)
    const probes: number[] = []
    for (const interpreter of parallel.interpreters) probes.push(await probe(interpreter))
    slowest.push(Math.max(0, ...probes))
  }
  const baseline = summarize(slowest)
  const ratio = (s: Summary): string => `${(s.median / baseline.median).toFixed(2)}x the slowest probe`
  console.log(`whole-catalog verification, ${ROUNDS} rounds, a fresh data home each`)
  console.log(`  the slowest single probe, spawned directly (baseline)  ${formatSummary(baseline, 'ms')}`)
  for (const [label, samples] of [['cold, parallel', cold], ['cold, sequential', sequential], ['warm (probe cache)', warm]] as const) {
    const s = summarize(samples)
    console.log(`  ${label.padEnd(53)}  ${formatSummary(s, 'ms', 0)}   ${ratio(s)}`)
  }
}

void main()
