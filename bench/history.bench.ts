/**
 * The run history at scale (1k / 10k / 100k rows): the first page and the "action + status" filter through
 * the engine's repository, against the same SQL on a bare better-sqlite3 connection to a copy of the same
 * database (statement prepared once, rows not mapped), interleaved. Each sample times a batch of queries.
 * Then the UI's traffic per finished run with 1,000 rows loaded, against one refetch of the whole list (the
 * behaviour before the history followed events), measured on the real browser host (see history-traffic.ts).
 * Run with `npm run bench:history` (BENCH_RUNS, BENCH_BATCH).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openDatabaseSync } from '../src/main/core/store/database'
import { ExecutionRepository, type ExecutionFilter } from '../src/main/core/store/execution-repository'
import { measureTraffic } from './history-traffic'
import { formatSummary, interleaved, msSince, sampleCount, type Summary } from './stats'

const RUNS = sampleCount('BENCH_RUNS', 9)
const BATCH = Math.max(1, Number(process.env.BENCH_BATCH ?? 20))
const SIZES = [1_000, 10_000, 100_000] as const
const ACTIONS = ['demo.hello', 'demo.fetch', 'demo.build', 'demo.deploy', 'demo.report'] as const
const STATUSES = ['completed', 'completed', 'completed', 'failed', 'timeout', 'cancelled'] as const
const PAGE = 50

/** A data home database (migrated by the engine's own opener) with `rows` finished runs. */
function seed(file: string, rows: number): void {
  openDatabaseSync(file).close()
  const db = new Database(file)
  const insert = db.prepare(
    `INSERT INTO execution (action_ref, pack_ref, status, parameters, options, warnings, exit_code, result, duration_ms, created_at, finished_at)
     VALUES (?, 'demo', ?, '{"name":"Ada"}', '{"strict":false,"version":null}', '[]', ?, '{"ok":true}', 12, ?, ?)`
  )
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const status = STATUSES[i % STATUSES.length]!
      const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString()
      insert.run(ACTIONS[i % ACTIONS.length], status, status === 'completed' ? 0 : 1, at, at)
    }
  })()
  db.close()
}

const TRAFFIC_ROWS = 1_000

function kilobytes(summary: Summary): Summary {
  return { n: summary.n, median: summary.median / 1000, min: summary.min / 1000, max: summary.max / 1000 }
}

async function reportTraffic(root: string): Promise<void> {
  const figures = await measureTraffic(root, TRAFFIC_ROWS, RUNS)
  const share = (summary: Summary): string => `${((100 * summary.median) / figures.refetch.median).toFixed(2)} % of one refetch`
  console.log(`  UI history traffic per finished run, ${TRAFFIC_ROWS.toLocaleString('en')} rows loaded (browser host, the renderer's socket client and history logic; bytes on the wire, both ways)`)
  console.log(`    one refetch of the whole list (baseline)  ${formatSummary(kilobytes(figures.refetch), 'KB')}`)
  console.log(`    run started from this page                ${formatSummary(kilobytes(figures.startedHere), 'KB', 2)}   ${share(figures.startedHere)}`)
  console.log(`    run started elsewhere (tab, CLI)          ${formatSummary(kilobytes(figures.startedElsewhere), 'KB', 2)}   ${share(figures.startedElsewhere)}`)
  console.log(`    a run printing 100 KB, elsewhere          ${formatSummary(kilobytes(figures.chattyElsewhere), 'KB', 2)}   (the page reads no log, so no log.chunk reaches it)`)
  const messages = [...figures.lastRun.messages].map(([name, count]) => `${name} ×${count}`).join(', ')
  console.log(`    the last run from this page: ${messages}`)
  console.log(`  → ${(figures.startedHere.median / 1000).toFixed(1)} KB per finished run vs ${(figures.refetch.median / 1000).toFixed(0)} KB for one list refetch`)
}

function timeBatch(query: () => unknown): number {
  const started = process.hrtime.bigint()
  for (let i = 0; i < BATCH; i++) query()
  return msSince(started)
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'attune-bench-history-'))
  try {
    console.log(`the run history, ${RUNS} interleaved samples of ${BATCH} queries each (page of ${PAGE}, newest first)`)
    for (const rows of SIZES) {
      const engineFile = join(root, `engine-${rows}.db`)
      const bareFile = join(root, `bare-${rows}.db`)
      seed(engineFile, rows)
      copyFileSync(engineFile, bareFile)
      const engine = openDatabaseSync(engineFile)
      const bare = new Database(bareFile, { readonly: true })
      const repository = new ExecutionRepository(engine)
      const firstPage = bare.prepare('SELECT * FROM execution ORDER BY id DESC LIMIT ?')
      const filtered = bare.prepare('SELECT * FROM execution WHERE action_ref = ? AND status = ? ORDER BY id DESC LIMIT ?')
      const filter: ExecutionFilter = { action: 'demo.fetch', status: 'failed', limit: PAGE }
      const figures = [
        ['first page', await interleaved(RUNS, () => timeBatch(() => firstPage.all(PAGE)), () => timeBatch(() => repository.list({ limit: PAGE })))],
        [
          'filter action + status',
          await interleaved(
            RUNS,
            () => timeBatch(() => filtered.all(filter.action, filter.status, PAGE)),
            () => timeBatch(() => repository.list(filter))
          )
        ]
      ] as const
      console.log(`  ${rows.toLocaleString('en')} rows`)
      for (const [label, f] of figures) {
        console.log(`    ${label}`)
        console.log(`      bare better-sqlite3 (baseline)  ${formatSummary(f.baseline, 'ms', 2)}`)
        console.log(`      ExecutionRepository.list        ${formatSummary(f.subject, 'ms', 2)}   ${(f.subject.median / f.baseline.median).toFixed(2)}x the baseline`)
      }
      engine.close()
      bare.close()
    }
    await reportTraffic(root)
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

void main()
