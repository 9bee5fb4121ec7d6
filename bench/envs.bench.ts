/**
 * Env setup of 10 packs × 3 Python versions (plus each pack's base env: 40 envs) on a fake machine whose
 * Pythons make cheap "venvs" (real `#!/bin/sh` processes that copy themselves): the first build against a
 * no-op rescan once everything is built, in the same engine and in a freshly opened one (a restart).
 *
 * Prints the no-op time (median with min and max) and its ratio to the first build measured in the same
 * run. Run with `npm run bench:envs` (BENCH_ROUNDS, at least 7).
 */
import { action, catalogOptions, cheapPython, writePack } from '../test-support/env-machine'
import { RuntimeMachine } from '../test-support/runtime-machine'
import { openWorkbench, type Workbench } from '../src/main/core/workbench'
import { formatSummary, sampleCount, summarize } from './stats'

const ROUNDS = sampleCount('BENCH_ROUNDS', 7)
const PACKS = 10
const NOOP_REPEATS = 5

interface Round {
  readonly envs: number
  readonly firstBuildMs: number
  readonly noopMs: number
  readonly reopenedNoopMs: number
  readonly spawnsDuringNoop: number
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint()
  const value = await fn()
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value }
}

async function round(): Promise<Round> {
  const machine = RuntimeMachine.create()
  let workbench: Workbench | null = null
  try {
    cheapPython(machine, 'bin/python3.11', '3.11.9')
    cheapPython(machine, 'bin/python3.12', '3.12.4')
    cheapPython(machine, 'bin/python3.13', '3.13.1')
    machine.fake.symlink('bin/python3', 'python3.11')
    const open = (): Workbench => openWorkbench({ home: machine.dataHome, env: machine.env(['bin']), ...catalogOptions(machine) })
    workbench = open()
    await workbench.runtimes.verify()
    for (let i = 0; i < PACKS; i++) {
      const ref = `pack${i}`
      workbench.packs.add(writePack(machine, ref, { ...action(ref, 'hello', 'python'), 'requirements.txt': `dep${i}==1.0\n` }))
    }

    const first = await timed(() => (workbench as Workbench).envs.setup())
    const failed = first.value.filter((env) => env.status !== 'ready')
    if (failed.length > 0) throw new Error(`${failed.length} envs failed to build: ${failed[0]?.error}`)

    machine.resetCalls()
    const noops: number[] = []
    for (let i = 0; i < NOOP_REPEATS; i++) {
      const noop = await timed(() => (workbench as Workbench).envs.setup())
      if (noop.value.some((env) => env.action !== 'none')) throw new Error('a no-op rescan built something')
      noops.push(noop.ms)
    }
    workbench.close()
    workbench = open()
    const reopened = await timed(() => (workbench as Workbench).envs.setup())
    return {
      envs: first.value.length,
      firstBuildMs: first.ms,
      noopMs: summarize(noops).median,
      reopenedNoopMs: reopened.ms,
      spawnsDuringNoop: machine.totalCalls()
    }
  } finally {
    workbench?.close()
    machine.dispose()
  }
}

async function main(): Promise<void> {
  const rounds: Round[] = []
  for (let i = 0; i < ROUNDS; i++) rounds.push(await round())
  const first = summarize(rounds.map((r) => r.firstBuildMs))
  const noop = summarize(rounds.map((r) => r.noopMs))
  const reopened = summarize(rounds.map((r) => r.reopenedNoopMs))
  const envs = rounds[0]?.envs ?? 0
  console.log(`env setup, ${PACKS} packs × 3 Python versions + base = ${envs} envs (fake interpreters), ${ROUNDS} rounds`)
  console.log(`  first build (baseline)      ${formatSummary(first, 'ms', 0)}`)
  console.log(`  no-op rescan, same engine   ${formatSummary(noop, 'ms')}   ${(first.median / noop.median).toFixed(1)}x faster than the first build (${(noop.median / envs).toFixed(2)} ms per env)`)
  console.log(`  no-op rescan, after reopen  ${formatSummary(reopened, 'ms')}   ${(first.median / reopened.median).toFixed(1)}x faster than the first build`)
  console.log(`  processes run by no-op rescans: ${Math.max(...rounds.map((r) => r.spawnsDuringNoop))}`)
}

void main()
