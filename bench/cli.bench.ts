/**
 * The CLI as a whole process, against `node -e 0` (Node's own start-up) measured interleaved in the same
 * run: `runtimes list` and `run` of a trivial shell action on a home nothing else holds. Needs the built
 * CLI (`npm run build`). Run with `npm run bench:cli` (BENCH_RUNS).
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TRIVIAL_ACTION, writeTrivialPack } from './bench-pack'
import { formatSummary, interleaved, msSince, sampleCount } from './stats'

const RUNS = sampleCount('BENCH_RUNS', 15)
const BIN = join(__dirname, '..', 'bin', 'attune-workbench.js')

function timeProcess(args: readonly string[]): Promise<number> {
  const started = process.hrtime.bigint()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(msSince(started)) : reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`))))
  })
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'attune-bench-cli-'))
  const home = join(root, 'home')
  const pack = writeTrivialPack(root)
  try {
    execFileSync(process.execPath, [BIN, '--home', home, 'packs', 'add', pack], { stdio: 'ignore' })
    const node = (): Promise<number> => timeProcess(['-e', '0'])
    const figures = [
      ['runtimes list', await interleaved(RUNS, node, () => timeProcess([BIN, '--home', home, 'runtimes', 'list']))],
      [`run ${TRIVIAL_ACTION}`, await interleaved(RUNS, node, () => timeProcess([BIN, '--home', home, 'run', TRIVIAL_ACTION]))]
    ] as const
    console.log(`the CLI as a whole process, ${RUNS} interleaved runs each`)
    for (const [label, f] of figures) {
      console.log(`  ${label}`)
      console.log(`    node -e 0 (baseline)  ${formatSummary(f.baseline, 'ms')}`)
      console.log(`    attune-workbench      ${formatSummary(f.subject, 'ms')}   ${(f.subject.median / f.baseline.median).toFixed(2)}x the baseline`)
    }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

void main()
