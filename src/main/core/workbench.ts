import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { applyRuntimeDefinitions, readRuntimeDirSync } from './catalog/catalog-loader'
import type { LoadProblem } from './catalog/problems'
import { homeLayout } from './data-home'
import { createProber, discoverInstallations, type DiscoveryOptions, type Inventory } from './discovery'
import { EventBus } from './events'
import { captureBaselineEnv } from './process/baseline-env'
import { RuntimeService } from './runtimes/runtime-service'
import { openDatabaseSync, type Db } from './store/database'
import { SqliteProbeCache } from './store/probe-cache-repository'
import { RuntimeRepository } from './store/runtime-repository'
import { RuntimeVersionRepository } from './store/runtime-version-repository'
import { DEFAULT_PROBE_TIMEOUT_MS } from './verify/probe-check'
import { RuntimeVerifier } from './verify/runtime-verifier'
import { parseRuntimeFilter } from './verify/runtime-filter'

export interface WorkbenchOptions {
  /** The data home (see `resolveDataHome`). */
  readonly home: string
  /** The environment the engine sees; defaults to this process's. Children get only its baseline. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** The built-in runtime catalog folder. */
  readonly catalogDir?: string
  /** Parallel probes and builds. */
  readonly concurrency?: number
  /** Skip the probe cache (every probe spawns). */
  readonly noProbeCache?: boolean
  /** Per probe (discovery and verification), before the child is killed; default 10 s (spec §3.1). */
  readonly probeTimeoutMs?: number
  /** Where discovery looks besides PATH and the managers' folders (tests point these at temp dirs). */
  readonly discovery?: Pick<DiscoveryOptions, 'systemDirs' | 'homebrewPrefixes'>
}

/** The engine: every service, composed once per data home. Knows nothing of Electron. */
export interface Workbench {
  readonly home: string
  readonly events: EventBus
  readonly runtimes: RuntimeService
  /** Problems found loading the built-in catalog. */
  readonly catalogProblems: readonly LoadProblem[]
  /** The interpreter inventory of this machine (discovery, cached probes). */
  discover(): Promise<Inventory>
  close(): void
}

/**
 * The built-in catalog folder `resources/runtimes`, found by walking up from `fromDir` (the source
 * tree, the built `out/main`, and a packaged app's resources all have it above them).
 */
export function findCatalogDirSync(fromDir: string): string {
  let dir = resolve(fromDir)
  for (;;) {
    const candidate = join(dir, 'resources', 'runtimes')
    if (existsSync(candidate)) return candidate
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`cannot find the built-in runtime catalog (resources/runtimes) above ${fromDir}`)
    dir = parent
  }
}

/**
 * Open the engine on a data home: database (locked to this process, migrated), then the built-in
 * catalog, in the worker's startup order (spec §6). Verification is left to the caller's pace.
 */
export function openWorkbench(options: WorkbenchOptions): Workbench {
  const env = options.env ?? process.env
  const layout = homeLayout(options.home, env)
  const db = openDatabaseSync(layout.database)
  try {
    return compose(db, options, env)
  } catch (error) {
    db.close()
    throw error
  }
}

function compose(db: Db, options: WorkbenchOptions, env: Readonly<Record<string, string | undefined>>): Workbench {
  const events = new EventBus()
  const runtimeRepository = new RuntimeRepository(db)
  const versionRepository = new RuntimeVersionRepository(db)
  const baseline = captureBaselineEnv(env)
  const concurrency = options.concurrency ?? 8
  const probeTimeoutMs = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS
  const prober = createProber({ env: baseline, timeoutMs: probeTimeoutMs, cache: options.noProbeCache ? undefined : new SqliteProbeCache(db) })
  const discover = (): Promise<Inventory> => discoverInstallations({ ...options.discovery, env, prober, concurrency })

  const catalogDir = options.catalogDir ?? findCatalogDirSync(__dirname)
  const { definitions, problems } = readRuntimeDirSync(catalogDir)
  applyRuntimeDefinitions(
    { runtimes: runtimeRepository, versions: versionRepository, transaction: (fn) => db.transaction(fn)() },
    definitions,
    'catalog'
  )
  if (definitions.length > 0) runtimeRepository.retireMissing({ origin: 'catalog' }, definitions.map((d) => d.ref))

  const verifier = new RuntimeVerifier({
    runtimes: runtimeRepository,
    versions: versionRepository,
    prober,
    probeTimeoutMs,
    discover,
    pathValue: baseline.PATH ?? '',
    filter: parseRuntimeFilter(env.ATTUNE_WORKER_RUNTIMES),
    concurrency,
    onVerified: (runtime) => events.emit('runtime.verified', { runtime })
  })
  return {
    home: options.home,
    events,
    runtimes: new RuntimeService(runtimeRepository, versionRepository, verifier, events),
    catalogProblems: problems,
    discover,
    close: () => db.close()
  }
}
