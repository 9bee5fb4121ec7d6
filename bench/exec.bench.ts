/**
 * Execution overhead and log throughput, as ratios against baselines measured in the same run:
 * - a trivial shell action run through the engine vs spawning bash on the same script directly;
 * - an action printing 200 MB through the engine (capped logs, batching) vs the same command piped to
 *   /dev/null, with the engine's peak RSS meanwhile.
 * Run with `npm run bench:exec`.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openWorkbench } from '../src/main/core/workbench'

const RUNS = Number(process.env.BENCH_RUNS ?? 20)
const BIG_MB = Number(process.env.BENCH_BIG_MB ?? 200)

function writePack(root: string): string {
  const dir = join(root, 'bench_pack')
  mkdirSync(join(dir, 'actions'), { recursive: true })
  writeFileSync(join(dir, 'pack.yaml'), 'ref: bench_pack\nversion: "1.0.0"\n')
  writeFileSync(join(dir, 'actions', 'trivial.yaml'), 'ref: bench_pack.trivial\nrunner_type: shell\nentry_point: trivial.sh\n')
  writeFileSync(join(dir, 'actions', 'trivial.sh'), '#!/bin/bash\necho ok\n')
  writeFileSync(join(dir, 'actions', 'big.yaml'), 'ref: bench_pack.big\nrunner_type: shell\nentry_point: big.sh\n')
  writeFileSync(join(dir, 'actions', 'big.sh'), `#!/bin/bash\nhead -c ${BIG_MB * 1024 * 1024} /dev/zero | tr '\\0' 'x'\n`)
  return dir
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'attune-bench-exec-'))
  const pack = writePack(root)
  const workbench = openWorkbench({ home: join(root, 'home') })
  try {
    await workbench.lifecycle.register(pack)
    await workbench.executions.run('bench_pack.trivial', {})

    let started = process.hrtime.bigint()
    for (let i = 0; i < RUNS; i++) spawnSync('/bin/bash', [join(pack, 'actions', 'trivial.sh')], { cwd: pack })
    const direct = ms(started) / RUNS
    started = process.hrtime.bigint()
    for (let i = 0; i < RUNS; i++) await workbench.executions.run('bench_pack.trivial', {})
    const engine = ms(started) / RUNS

    started = process.hrtime.bigint()
    spawnSync('/bin/bash', ['-c', `bash ${join(pack, 'actions', 'big.sh')} > /dev/null`])
    const rawPipe = ms(started)
    let peak = process.memoryUsage().rss
    const baseline = peak
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
    started = process.hrtime.bigint()
    const big = await workbench.executions.run('bench_pack.big', {})
    const captured = ms(started)
    clearInterval(sampler)

    console.log(`trivial action, mean of ${RUNS} runs`)
    console.log(`  bash on the script directly (baseline)  ${direct.toFixed(1)} ms`)
    console.log(`  through the engine                      ${engine.toFixed(1)} ms   ${(engine / direct).toFixed(2)}x the baseline, +${(engine - direct).toFixed(1)} ms`)
    console.log(`action printing ${BIG_MB} MB (status ${big.status}, stdout truncated: ${big.stdoutTruncated})`)
    console.log(`  piped to /dev/null (baseline)           ${rawPipe.toFixed(0)} ms   ${(BIG_MB / (rawPipe / 1000)).toFixed(0)} MB/s`)
    console.log(`  captured by the engine                  ${captured.toFixed(0)} ms   ${(BIG_MB / (captured / 1000)).toFixed(0)} MB/s, ${(captured / rawPipe).toFixed(2)}x the baseline`)
    console.log(`  engine RSS: ${(baseline / 1048576).toFixed(0)} MB before, ${(peak / 1048576).toFixed(0)} MB peak (+${((peak - baseline) / 1048576).toFixed(0)} MB)`)
  } finally {
    workbench.close()
    rmSync(root, { recursive: true, force: true })
  }
}

void main()
