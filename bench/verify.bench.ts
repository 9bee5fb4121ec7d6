/**
 * Whole-catalog verification on this machine: cold vs warm (probe cache) and parallel vs sequential.
 *
 * Prints ratios against baselines measured in the same run (not absolute timings, which depend on the
 * machine). Run with `npm run bench:verify`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openWorkbench } from '../src/main/core/workbench'

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)

async function timeVerify(options: { concurrency: number; warm: boolean }): Promise<number> {
  const home = mkdtempSync(join(tmpdir(), 'attune-bench-'))
  const workbench = openWorkbench({ home, concurrency: options.concurrency })
  try {
    if (options.warm) await workbench.runtimes.verify()
    const started = process.hrtime.bigint()
    await workbench.runtimes.verify()
    return Number(process.hrtime.bigint() - started) / 1e6
  } finally {
    workbench.close()
    rmSync(home, { recursive: true, force: true })
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

async function main(): Promise<void> {
  const samples = { coldParallel: [] as number[], warmParallel: [] as number[], coldSequential: [] as number[] }
  for (let round = 0; round < ROUNDS; round++) {
    samples.coldSequential.push(await timeVerify({ concurrency: 1, warm: false }))
    samples.coldParallel.push(await timeVerify({ concurrency: 8, warm: false }))
    samples.warmParallel.push(await timeVerify({ concurrency: 8, warm: true }))
  }
  const coldSequential = median(samples.coldSequential)
  const coldParallel = median(samples.coldParallel)
  const warmParallel = median(samples.warmParallel)
  console.log(`whole-catalog verification, median of ${ROUNDS} rounds`)
  console.log(`  cold sequential (baseline)  ${coldSequential.toFixed(0)} ms`)
  console.log(`  cold parallel               ${coldParallel.toFixed(0)} ms   ${(coldSequential / coldParallel).toFixed(2)}x faster than sequential`)
  console.log(`  warm parallel (cached)      ${warmParallel.toFixed(0)} ms   ${(coldParallel / warmParallel).toFixed(2)}x faster than cold`)
}

void main()
