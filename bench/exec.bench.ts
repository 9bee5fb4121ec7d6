/**
 * Execution overhead and log throughput, each against a baseline that does the same work minus the
 * workbench, measured interleaved in the same run (medians of at least 7 samples, with min and max):
 * - a trivial shell action through the engine vs spawning bash on the same script with the same pipes;
 * - a trivial Python action through the engine vs spawning the same env interpreter on the script;
 * - an action printing 200 MB through the engine (capped logs, batching) vs a bare Node reader of the same
 *   pipe, and the engine's exact peak RSS growth while capturing it (VmHWM, in a fresh child process).
 * Run with `npm run bench:exec` (BENCH_RUNS, BENCH_BIG_RUNS, BENCH_BIG_MB).
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openWorkbench, type Workbench } from '../src/main/core/workbench'
import { TRIVIAL_ACTION, writeTrivialPack } from './bench-pack'
import { formatSummary, interleaved, msSince, peakRss, sampleCount } from './stats'

const RUNS = sampleCount('BENCH_RUNS', 21)
const BIG_RUNS = sampleCount('BENCH_BIG_RUNS', 7)
const BIG_MB = Number(process.env.BENCH_BIG_MB ?? 200)

/** The benches' trivial pack, plus a trivial Python action and one printing BIG_MB megabytes. */
function writePack(root: string): string {
  const dir = writeTrivialPack(root)
  writeFileSync(join(dir, 'actions', 'trivial_py.yaml'), 'ref: bench_pack.trivial_py\nrunner_type: python\nentry_point: trivial.py\n')
  writeFileSync(join(dir, 'actions', 'trivial.py'), 'print("ok")\n')
  writeFileSync(join(dir, 'actions', 'big.yaml'), 'ref: bench_pack.big\nrunner_type: shell\nentry_point: big.sh\n')
  writeFileSync(join(dir, 'actions', 'big.sh'), `#!/bin/bash\nhead -c ${BIG_MB * 1024 * 1024} /dev/zero | tr '\\0' 'x'\n`)
  return dir
}

/** Spawn a command with stdin closed and both outputs read and dropped by Node; milliseconds to exit. */
function spawnAndRead(file: string, args: readonly string[], cwd: string): Promise<number> {
  const started = process.hrtime.bigint()
  return new Promise((resolve, reject) => {
    const child = spawn(file, [...args], { cwd, stdio: ['pipe', 'pipe', 'pipe'] })
    child.stdin.on('error', () => undefined)
    child.stdin.end('{}')
    child.stdout.on('data', () => undefined)
    child.stderr.on('data', () => undefined)
    child.on('error', reject)
    child.on('close', () => resolve(msSince(started)))
  })
}

async function timedRun(workbench: Workbench, ref: string): Promise<number> {
  const started = process.hrtime.bigint()
  const run = await workbench.executions.run(ref, {})
  if (run.status !== 'completed') throw new Error(`${ref} ${run.status}: ${run.error ?? ''}`)
  return msSince(started)
}

/** In a fresh child: the engine's VmHWM growth while it captures the big action (warm-up run first). */
async function childCapture(home: string): Promise<void> {
  const workbench = openWorkbench({ home })
  try {
    await timedRun(workbench, TRIVIAL_ACTION)
    const before = peakRss()
    await workbench.executions.run('bench_pack.big', {})
    const after = peakRss()
    process.stdout.write(JSON.stringify({ before, after }))
  } finally {
    workbench.close()
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'attune-bench-exec-'))
  const pack = writePack(root)
  const home = join(root, 'home')
  const workbench = openWorkbench({ home })
  try {
    await workbench.lifecycle.register(pack)
    await timedRun(workbench, TRIVIAL_ACTION)
    const py = await workbench.executions.run('bench_pack.trivial_py', {})
    const script = join(pack, 'actions', 'trivial.sh')

    const shell = await interleaved(RUNS, () => spawnAndRead('/bin/bash', [script], pack), () => timedRun(workbench, TRIVIAL_ACTION))
    const python =
      py.status === 'completed' && py.interpreter !== null
        ? await interleaved(RUNS, () => spawnAndRead(py.interpreter!, ['-u', join(pack, 'actions', 'trivial.py')], pack), () => timedRun(workbench, 'bench_pack.trivial_py'))
        : null
    const big = await interleaved(BIG_RUNS, () => spawnAndRead('/bin/bash', [join(pack, 'actions', 'big.sh')], pack), () => timedRun(workbench, 'bench_pack.big'))
    workbench.close()
    const memory = JSON.parse(execFileSync(process.execPath, [...process.execArgv, __filename, '--child-capture', home], { encoding: 'utf8' })) as { before: number | null; after: number | null }

    const overhead = (figures: { baseline: { median: number }; subject: { median: number } }): string =>
      `+${(figures.subject.median - figures.baseline.median).toFixed(1)} ms, ${(figures.subject.median / figures.baseline.median).toFixed(2)}x`
    console.log(`trivial shell action, ${RUNS} interleaved runs each`)
    console.log(`  bash on the script, stdin and output piped (baseline)  ${formatSummary(shell.baseline, 'ms')}`)
    console.log(`  through the engine                                     ${formatSummary(shell.subject, 'ms')}   ${overhead(shell)}`)
    if (python === null) console.log(`trivial Python action: skipped (${py.status}: ${py.error ?? 'no interpreter'})`)
    else {
      console.log(`trivial Python action (${py.interpreter}), ${RUNS} interleaved runs each`)
      console.log(`  the env's interpreter on the script (baseline)         ${formatSummary(python.baseline, 'ms')}`)
      console.log(`  through the engine                                     ${formatSummary(python.subject, 'ms')}   ${overhead(python)}`)
    }
    const throughput = (s: { median: number; min: number; max: number }): string =>
      `${(BIG_MB / (s.median / 1000)).toFixed(0)} MB/s (${(BIG_MB / (s.max / 1000)).toFixed(0)}–${(BIG_MB / (s.min / 1000)).toFixed(0)})`
    console.log(`action printing ${BIG_MB} MB, ${BIG_RUNS} interleaved runs each`)
    console.log(`  a bare Node reader of the same pipe (baseline)         ${formatSummary(big.baseline, 'ms', 0)}   ${throughput(big.baseline)}`)
    console.log(`  captured by the engine                                 ${formatSummary(big.subject, 'ms', 0)}   ${throughput(big.subject)}, ${((100 * big.baseline.median) / big.subject.median).toFixed(0)} % of the baseline`)
    if (memory.before !== null && memory.after !== null) {
      console.log(`  engine peak RSS (VmHWM, fresh process): ${(memory.before / 1048576).toFixed(0)} MB before, ${(memory.after / 1048576).toFixed(0)} MB after (+${((memory.after - memory.before) / 1048576).toFixed(1)} MB)`)
    }
  } finally {
    workbench.close()
    rmSync(root, { recursive: true, force: true })
  }
}

if (process.argv[2] === '--child-capture') void childCapture(process.argv[3]!)
else void main()
