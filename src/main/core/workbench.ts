import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { importCatalogSync } from './catalog/catalog-import'
import type { LoadProblem } from './catalog/problems'
import { homeLayout, prepareDataHomeSync } from './data-home'
import { storageError, WorkbenchError } from './errors'
import { createProber, discoverInstallations, type DiscoveryOptions, type Inventory } from './discovery'
import type { Candidate } from './discovery/candidate-list'
import { EventBus } from './events'
import { captureBaselineEnv } from './commands/baseline-env'
import { EnvBuilder } from './envs/env-builder'
import { EnvService } from './envs/env-service'
import { readNetworkSettings, type NetworkSettings } from './envs/network-settings'
import { ExecutionService } from './execution/execution-service'
import { MatrixService } from './execution/matrix-service'
import { reapOrphanedSetupsSync } from './execution/process/orphan-reaper'
import { apiSettingsFrom } from './execution/command/api-context'
import { createProcessLauncher } from './execution/process/launcher'
import { resetScratchSync } from './execution/process/run-scratch'
import { ExecutionRepository } from './store/execution-repository'
import { PackLifecycle } from './packs/pack-lifecycle'
import { PackService } from './packs/pack-service'
import { RuntimeService } from './runtimes/runtime-service'
import { PackRepository } from './store/pack-repository'
import { SettingRepository } from './store/setting-repository'
import { openDatabaseSync, type Db } from './store/database'
import { SqliteProbeCache } from './store/probe-cache-repository'
import { RuntimeRepository } from './store/runtime-repository'
import { RuntimeVersionRepository } from './store/runtime-version-repository'
import { DEFAULT_PROBE_TIMEOUT_MS, locateBinary } from './verify/probe-check'
import { RuntimeVerifier } from './verify/runtime-verifier'
import { parseRuntimeFilter } from './verify/runtime-filter'

export interface WorkbenchOptions {
  /** The data home (see `resolveDataHome`). */
  readonly home: string
  /** The environment the engine sees; defaults to this process's. Children get only its baseline. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** The built-in runtime catalog folder. */
  readonly catalogDir?: string
  /** The example packs offered on first start (`resources/packs`); null for none. */
  readonly examplePacksDir?: string | null
  /** Parallel probes and builds. */
  readonly concurrency?: number
  /** Skip the probe cache (every probe spawns). */
  readonly noProbeCache?: boolean
  /** Per probe (discovery and verification), before the child is killed; default 10 s (spec §3.1). */
  readonly probeTimeoutMs?: number
  /** SIGTERM → SIGKILL grace of action processes; default 10 s (spec §5.10). */
  readonly killGraceMs?: number
  /** Runs at once; further runs wait as `requested` (default 10, the worker's max_concurrent_tasks). */
  readonly maxConcurrentRuns?: number
  /** Where discovery looks besides PATH and the managers' folders (tests point these at temp dirs). */
  readonly discovery?: Pick<DiscoveryOptions, 'systemDirs' | 'homebrewPrefixes'>
}

/** The engine: every service, composed once per data home. Knows nothing of Electron. */
export interface Workbench {
  readonly home: string
  readonly events: EventBus
  readonly runtimes: RuntimeService
  readonly packs: PackService
  readonly envs: EnvService
  readonly executions: ExecutionService
  readonly matrix: MatrixService
  /** Startup, pack registration and the file watcher, in the worker's order. */
  readonly lifecycle: PackLifecycle
  /** Problems found loading the built-in catalog. */
  readonly catalogProblems: readonly LoadProblem[]
  /** The interpreter inventory of this machine (discovery, cached probes). */
  discover(): Promise<Inventory>
  close(): void
}

/**
 * A folder of `resources/` (the runtime catalog, the example packs), found by walking up from
 * `fromDir`: the source tree, the built `out/main` and a packaged app's resources all have it above them.
 */
export function findResourceDirSync(fromDir: string, name: 'runtimes' | 'packs'): string {
  let dir = resolve(fromDir)
  for (;;) {
    const candidate = join(dir, 'resources', name)
    if (existsSync(candidate)) return candidate
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`cannot find the built-in resources/${name} folder above ${fromDir}`)
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
  prepareDataHomeSync(options.home)
  let db: Db
  try {
    db = openDatabaseSync(layout.database)
  } catch (error) {
    throw storageProblem(error, layout.database)
  }
  try {
    // Holding the lock, a pid file left behind means the last engine on this home died without closing.
    const previousEngineDied = existsSync(layout.enginePid)
    // Engine-free readers (`logs --follow`) and hosts waiting for the home learn from this file whether
    // an engine is alive; written before composing so a host starting meanwhile knows to wait.
    writeFileSync(layout.enginePid, String(process.pid), { mode: 0o600 })
    const workbench = compose(db, options, env, previousEngineDied)
    return {
      ...workbench,
      close: () => {
        workbench.close()
        rmSync(layout.enginePid, { force: true })
      }
    }
  } catch (error) {
    db.close()
    rmSync(layout.enginePid, { force: true })
    throw storageProblem(error, layout.database)
  }
}

/** A disk or database fault while opening, in words naming the database; anything else unchanged. */
function storageProblem(error: unknown, database: string): unknown {
  const storage = storageError(error, dirname(database))
  return storage ? new WorkbenchError('environment', `the database ${database} cannot be opened: ${storage.message}`) : error
}

function compose(db: Db, options: WorkbenchOptions, env: Readonly<Record<string, string | undefined>>, previousEngineDied: boolean): Workbench {
  const events = new EventBus()
  const runtimeRepository = new RuntimeRepository(db)
  const versionRepository = new RuntimeVersionRepository(db)
  const baseline = captureBaselineEnv(env)
  const concurrency = options.concurrency ?? 8
  const probeTimeoutMs = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS
  const prober = createProber({ env: baseline, timeoutMs: probeTimeoutMs, cache: options.noProbeCache ? undefined : new SqliteProbeCache(db) })
  const discover = (wanted?: (candidate: Candidate) => boolean): Promise<Inventory> =>
    discoverInstallations({ ...options.discovery, env, prober, concurrency, wanted })

  const catalogDir = options.catalogDir ?? findResourceDirSync(__dirname, 'runtimes')
  const transaction = <T>(fn: () => T): T => db.transaction(fn)()
  const settings = new SettingRepository(db)
  // Parsed and written only when a catalog file changed since the last import (most starts: not at all).
  const { problems } = importCatalogSync(catalogDir, { runtimes: runtimeRepository, versions: versionRepository, settings, transaction })

  const layout = homeLayout(options.home, env)
  const runtimeFilter = parseRuntimeFilter(env.ATTUNE_WORKER_RUNTIMES)
  const packRepository = new PackRepository(db)
  const packs = new PackService({ packs: packRepository, runtimes: runtimeRepository, versions: versionRepository, transaction, events, runtimeEnvsDir: layout.runtimeEnvs })
  let network: NetworkSettings | undefined
  const builder = new EnvBuilder({
    baselineEnv: baseline,
    logsDir: join(layout.logs, 'envs'),
    concurrency: Math.max(1, Math.min(concurrency, 4)),
    // Read on first use by a setup command, not at every start: the first `localeCompare` of the settings'
    // sort builds the ICU collator, about 30 ms that a command which builds no env would pay for nothing.
    get network() {
      return (network ??= readNetworkSettings(env))
    }
  })
  const envs = new EnvService({
    packs: packRepository,
    runtimes: runtimeRepository,
    versions: versionRepository,
    builder,
    events,
    runtimeEnvsDir: layout.runtimeEnvs,
    locate: (command) => locateBinary(command, baseline.PATH ?? ''),
    runtimeFilter
  })

  const verifier = new RuntimeVerifier({
    runtimes: runtimeRepository,
    versions: versionRepository,
    prober,
    probeTimeoutMs,
    discover,
    pathValue: baseline.PATH ?? '',
    filter: runtimeFilter,
    concurrency,
    onVerified: (runtime) => events.emit('runtime.verified', { runtime }),
    transaction
  })
  const runtimes = new RuntimeService(runtimeRepository, versionRepository, verifier, events)
  const executionRepository = new ExecutionRepository(db)
  const executions = new ExecutionService({
    executions: executionRepository,
    packs: packRepository,
    runtimes: runtimeRepository,
    versions: versionRepository,
    envs,
    events,
    launch: createProcessLauncher({ baselineEnv: baseline, killGraceMs: options.killGraceMs, api: apiSettingsFrom(env), scratchDir: layout.scratch }),
    executionsDir: layout.executions,
    runtimeEnvsDir: layout.runtimeEnvs,
    locate: (command) => locateBinary(command, baseline.PATH ?? ''),
    maxConcurrentRuns: options.maxConcurrentRuns,
    runtimeFilter
  })
  // One engine per home: anything still running in the database belongs to a session that died, and so
  // does any setup command of that session still building one of its envs.
  executions.abandonLeftovers()
  // Their parameter files and inline scripts (secrets included) go with them.
  resetScratchSync(layout.scratch)
  if (previousEngineDied) reapOrphanedSetupsSync(layout.runtimeEnvs)
  const matrix = new MatrixService({ executions, repository: executionRepository, runtimes: runtimeRepository, versions: versionRepository })
  const lifecycle = new PackLifecycle({
    runtimes,
    packs,
    envs,
    events,
    settings,
    examplePacksDir: options.examplePacksDir === undefined ? findResourceDirSync(__dirname, 'packs') : options.examplePacksDir
  })
  return {
    home: options.home,
    events,
    runtimes,
    packs,
    envs,
    executions,
    matrix,
    lifecycle,
    catalogProblems: problems,
    discover,
    close: () => {
      // Runs first: they are recorded (cancelled) while the database is open, and no action outlives the engine.
      executions.dispose()
      lifecycle.dispose()
      builder.dispose()
      db.close()
    }
  }
}
