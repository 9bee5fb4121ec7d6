/**
 * Whole-catalog verification on this machine, against the slowest single probe it needs (the floor a
 * truly parallel verification approaches): cold (empty probe cache) and warm (cached), each a fresh data
 * home, at least 7 rounds; medians with min and max. Run with `npm run bench:verify` (BENCH_ROUNDS).
 *
 * "What it needs" is what a cold verification actually runs: every process it starts is recorded (file
 * and arguments, at `child_process.spawn`, which execa calls), and each distinct one is then spawned on its
 * own, directly. That includes the runtime-level detection commands (`java -version`, `perl --version`),
 * not only the interpreters the versions ended up with.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openWorkbench } from '../src/main/core/workbench'
import { formatSummary, msSince, sampleCount, summarize, type Summary } from './stats'

const ROUNDS = sampleCount('BENCH_ROUNDS', 7)

/** A process a verification started: `file args…`. */
type Started = readonly [file: string, args: readonly string[]]

let recording: Started[] | null = null
// The module object itself (not an ES namespace copy), so that replacing `spawn` on it reaches every caller.
const childProcess = process.getBuiltinModule('node:child_process')
const directSpawn = childProcess.spawn
// Recording is a list push per spawn; execa imports `spawn` as an ES binding, hence the sync.
childProcess.spawn = function (this: unknown, ...args: Parameters<typeof directSpawn>) {
  const [file, argv] = args as unknown as [string, readonly string[] | undefined]
  recording?.push([file, Array.isArray(argv) ? [...argv] : []])
  return directSpawn.apply(this, args)
} as typeof directSpawn
syncBuiltinESMExports()

async function timeVerify(options: { concurrency: number; warm: boolean; record?: Started[] }): Promise<number> {
  const home = mkdtempSync(join(tmpdir(), 'attune-bench-'))
  const workbench = openWorkbench({ home, concurrency: options.concurrency })
  try {
    if (options.warm) await workbench.runtimes.verify()
    recording = options.record ?? null
    const started = process.hrtime.bigint()
    await workbench.runtimes.verify()
    return msSince(started)
  } finally {
    recording = null
    workbench.close()
    rmSync(home, { recursive: true, force: true })
  }
}

/** One process spawned directly, milliseconds to exit. */
function probe([file, args]: Started): Promise<number> {
  const started = process.hrtime.bigint()
  return new Promise((resolve) => {
    const child = directSpawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } })
    child.stdout.on('data', () => undefined)
    child.stderr.on('data', () => undefined)
    child.on('error', () => resolve(msSince(started)))
    child.on('close', () => resolve(msSince(started)))
  })
}

const label = ([file, args]: Started): string => [file, ...args].join(' ')

async function main(): Promise<void> {
  const cold: number[] = []
  const warm: number[] = []
  const sequential: number[] = []
  const slowest: number[] = []
  const perCommand = new Map<string, number[]>()
  for (let round = 0; round < ROUNDS; round++) {
    const started: Started[] = []
    cold.push(await timeVerify({ concurrency: 8, warm: false, record: started }))
    sequential.push(await timeVerify({ concurrency: 1, warm: false }))
    warm.push(await timeVerify({ concurrency: 8, warm: true }))
    if (started.length === 0) throw new Error('the cold verification started no process: nothing to compare with')
    const distinct = [...new Map(started.map((command) => [label(command), command])).values()]
    const times: number[] = []
    for (const command of distinct) {
      const ms = await probe(command)
      times.push(ms)
      perCommand.set(label(command), [...(perCommand.get(label(command)) ?? []), ms])
    }
    slowest.push(Math.max(...times))
  }
  const baseline = summarize(slowest)
  const ratio = (s: Summary): string => `${(s.median / baseline.median).toFixed(2)}x the slowest probe`
  console.log(`whole-catalog verification, ${ROUNDS} rounds, a fresh data home each`)
  console.log(`  the slowest single probe, spawned directly (baseline)  ${formatSummary(baseline, 'ms')}`)
  for (const [label, samples] of [['cold, parallel', cold], ['cold, sequential', sequential], ['warm (probe cache)', warm]] as const) {
    const s = summarize(samples)
    console.log(`  ${label.padEnd(53)}  ${formatSummary(s, 'ms', 0)}   ${ratio(s)}`)
  }
  console.log('  what a cold verification started, each spawned directly:')
  for (const [command, samples] of [...perCommand].sort((a, b) => summarize(b[1]).median - summarize(a[1]).median)) {
    console.log(`    ${formatSummary(summarize(samples), 'ms')}  ${command}`)
  }
}

void main()
