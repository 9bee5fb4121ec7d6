import { cpSync, existsSync, realpathSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { ExecutionView, MatrixView } from '../../shared/domain/execution'
import type { PackView } from '../../shared/domain/pack'
import { CHANNEL_NAMES } from '../../shared/ipc/channel-names'
import type { Envelope, PackRegistrationResult } from '../../shared/ipc/contract'
import { writePack } from '../../../test-support/env-machine'
import { recordFigure } from '../../../test-support/hardening-figures'
import { snapshotChanges, snapshotHome, type HomeSnapshot } from '../../../test-support/home-snapshot'
import { nextPayload, type FuzzPayload, type FuzzVocabulary } from '../../../test-support/ipc-fuzz-payloads'
import { RuntimeMachine } from '../../../test-support/runtime-machine'
import { fuzzSeed, SeededRandom } from '../../../test-support/seeded-random'
import type { Db } from '../core/store/database'
import { openWorkbench, type Workbench } from '../core/workbench'
import { createRouter, type Router } from './router'

/**
 * The seeded IPC fuzz (issue 6, "Bad input"): at least 10,000 payloads across every contract channel and
 * beyond, through the real router on a real engine. Every answer must be an envelope with a typed error
 * (never `internal`), the engine must keep serving, and an error answer must leave the database and the
 * data home exactly as they were.
 */

// The home is locked to the engine's connection: keep a handle on it to dump the tables.
const opened = vi.hoisted(() => ({ db: null as Db | null }))
vi.mock('../core/store/database', async (importOriginal) => {
  const real = await importOriginal<typeof import('../core/store/database')>()
  return {
    ...real,
    openDatabaseSync: (file: string): Db => {
      const db = real.openDatabaseSync(file)
      opened.db = db
      return db
    }
  }
})

const PAYLOADS = Number(process.env.FUZZ_N ?? 10_000)
const SERVE_CHECK_EVERY = 250
/** Errors of channels that could write are all checked; of the others, every 50th. */
const WRITE_CHECK_EVERY = 50
const WRITING_CHANNELS = new Set(['runtimes:verify', 'runtimes:setEnabled', 'packs:add', 'packs:reload', 'packs:remove', 'envs:setup', 'envs:rebuild', 'executions:start', 'executions:cancel', 'executions:rerun', 'matrix:start'])
const ERROR_KINDS = new Set(['bad-input', 'environment', 'failed'])
const GOOD_PACKS = ['good', 'fz']

const PROF: Record<string, number> = {}
const PROFN: Record<string, number> = {}
let machine: RuntimeMachine
let workbench: Workbench
let router: Router
let packDirs: Record<string, string>

beforeAll(async () => {
  machine = RuntimeMachine.create()
  machine.python('bin/python3.12', '3.12.4')
  cpSync(fileURLToPath(new URL('../core/packs/fixtures/good_pack', import.meta.url)), machine.path('packs/good'), { recursive: true })
  writePack(machine, 'fz', {
    'actions/typed.yaml': `ref: fz.typed
runner_type: shell
entry_point: typed.sh
parameters:
  name: {type: string, required: true}
  count: {type: integer, default: 1}
  flag: {type: boolean}
  choice: {type: string, enum: [red, green]}
  items: {type: array}
  token: {type: string, secret: true}
`,
    'actions/typed.sh': 'echo typed\n',
    'actions/py.yaml': 'ref: fz.py\nrunner_type: python\nentry_point: py.py\nruntime_version: ">=3.12"\n',
    'actions/py.py': 'print("hi")\n'
  })
  machine.fake.dir('empty')
  machine.fake.dir('nested/deeper')
  workbench = openWorkbench({ home: machine.dataHome, env: machine.env(['bin']), ...machine.workbenchOptions({ examplePacksDir: null, killGraceMs: 200 }) })
  router = createRouter(workbench, { kind: 'browser', version: 'fuzz', startup: () => ({ phase: 'ready', message: '' }) })
  packDirs = {}
  for (const ref of GOOD_PACKS) {
    const added = await router.handle('packs:add', { dir: machine.path(`packs/${ref}`) })
    if (!added.ok) throw new Error(added.error.message)
    packDirs[ref] = (added.value as PackRegistrationResult).pack.dir
  }
  await workbench.runtimes.verify()
  // A little history, so ids point at something.
  await workbench.executions.run('good.hello', { name: 'seed' })
  await workbench.executions.run('fz.typed', { name: 'seed', token: 's3cret' })
}, 60_000)

afterAll(() => {
  workbench?.close()
  machine?.dispose()
})

/** What went wrong, with the payload that did it. */
interface Finding {
  readonly index: number
  readonly payload: string
  readonly problem: string
}

function describePayload(payload: FuzzPayload): string {
  let input: string
  try {
    input = JSON.stringify(payload.input, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value)) ?? String(payload.input)
  } catch (error) {
    input = `<${(error as Error).message}>`
  }
  return `${payload.kind} ${JSON.stringify(payload.channel.slice(0, 60))} ${input.slice(0, 300)}`
}

describe('IPC fuzz', () => {
  it(`answers ${PAYLOADS} seeded payloads with envelopes and typed errors, keeps serving, and writes nothing on error`, async () => {
    const seed = fuzzSeed()
    console.log(`IPC fuzz seed: ${seed} (replay with ATTUNE_FUZZ_SEED=${seed})`)
    const r = new SeededRandom(seed)
    const db = opened.db
    if (!db) throw new Error('the database handle was not captured')
    const root = machine.root
    const vocabulary: FuzzVocabulary = {
      refs: ['good', 'fz', 'GOOD', ' fz ', 'good.hello', 'good.tool_action', 'fz.typed', 'fz.py', 'fz.missing', 'good.', '.hello', 'core.python', 'python', 'Python', 'python3', 'core.shell', 'shell', 'core.nodejs', 'node', 'good.tool', 'tool', 'core', 'core.python.x'],
      versions: ['3.12', '3.11', '3.13', '20', '18', '22', '3.99', '3', '3.12.4', 'latest', '(base)'],
      ids: () => workbench.executions.list({ limit: 5 }).map((run) => run.id),
      dirs: [
        '../../etc',
        '../'.repeat(12),
        '../../../../../../../../tmp',
        '/',
        '/etc',
        '/proc/self',
        '/dev/null',
        '/dev/zero',
        machine.dataHome,
        `${machine.dataHome}/executions`,
        root,
        `${root}/empty`,
        `${root}/nested/deeper`,
        `${root}/nested/deeper/../../empty`,
        `${root}/packs`,
        `${root}/packs/good/actions`,
        `${root}/packs/good/actions/../../good`,
        `${root}/packs/fz/./`,
        `${root}/packs/good/pack.yaml`,
        `${root}/does-not-exist`,
        `${root}/empty/../../../../etc`,
        'relative/nowhere',
        '.',
        '~',
        'C:\\Windows',
        '\\\\server\\share',
        'file:///etc',
        `${root}/empty\0/x`
      ]
    }
    const baseline = Object.getOwnPropertyNames(Object.prototype).sort().join()
    const findings: Finding[] = []
    const counts = { ok: 0, error: 0, checkedForWrites: 0, byKind: {} as Record<string, number>, runsStarted: 0 }
    let longestMessage = 0
    const started = Date.now()

    for (let index = 0; index < PAYLOADS; index++) {
      const payload = nextPayload(r, vocabulary)
      const found = (problem: string): void => void findings.push({ index, payload: describePayload(payload), problem })
      const check = WRITING_CHANNELS.has(payload.channel) || index % WRITE_CHECK_EVERY === 0
      const ts = performance.now()
      const before: HomeSnapshot | null = check ? snapshotHome(db, machine.dataHome) : null
      PROF.snap = (PROF.snap ?? 0) + performance.now() - ts
      const packsBefore = check ? workbench.packs.list().map((p) => p.ref) : []

      let answer: Envelope<unknown>
      const t0 = performance.now()
      try {
        answer = await router.handle(payload.channel, payload.input)
        const pk = (CHANNEL_NAMES as readonly string[]).includes(payload.channel) ? payload.channel : '?'
        PROF[pk] = (PROF[pk] ?? 0) + performance.now() - t0
        PROFN[pk] = (PROFN[pk] ?? 0) + 1
      } catch (error) {
        found(`router.handle threw: ${(error as Error).message}`)
        continue
      }

      if (typeof answer !== 'object' || answer === null || typeof answer.ok !== 'boolean') {
        found(`not an envelope: ${String(answer)}`)
        continue
      }
      try {
        JSON.stringify(answer)
      } catch (error) {
        found(`the envelope cannot be sent as JSON: ${(error as Error).message}`)
      }
      counts.byKind[payload.kind] = (counts.byKind[payload.kind] ?? 0) + 1
      if (answer.ok) {
        counts.ok++
        await settle(payload, answer.value, found)
      } else {
        counts.error++
        const { kind, message } = answer.error
        if (!ERROR_KINDS.has(kind)) found(`error kind '${kind}': ${message}`)
        if (typeof message !== 'string' || message.trim() === '') found('an error without a message')
        else if (/\n\s+at .+:\d+/.test(message)) found(`a stack trace in the message: ${message.slice(0, 300)}`)
        longestMessage = Math.max(longestMessage, message.length)
        if (before) {
          counts.checkedForWrites++
          const changes = snapshotChanges(before, snapshotHome(db, machine.dataHome))
          if (changes.length > 0) found(`an error answer (${kind}: ${message.slice(0, 200)}) wrote: ${changes.join(', ')}`)
          const packsAfter = workbench.packs.list().map((p) => p.ref)
          if (packsAfter.join() !== packsBefore.join()) found(`an error answer changed the registered packs: ${packsBefore} → ${packsAfter}`)
        }
      }

      if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== baseline || ({} as Record<string, unknown>).polluted !== undefined) {
        found('Object.prototype was polluted')
        break
      }
      const registered = workbench.packs.list()
      if (registered.some((pack) => !GOOD_PACKS.includes(pack.ref))) found(`something else got registered: ${registered.map((p) => `${p.ref} (${p.dir})`).join(', ')}`)
      if (index % SERVE_CHECK_EVERY === SERVE_CHECK_EVERY - 1) {
        const listed = await router.handle('runtimes:list', {})
        if (!listed.ok) found(`runtimes:list failed after payload ${index}: ${listed.error.message}`)
      }
      if (findings.length > 50) break
    }

    ;(await import('node:fs')).writeFileSync('/tmp/fuzzprof.json', JSON.stringify(Object.fromEntries(Object.entries(PROF).map(([k, v]) => [k, [Math.round(v), PROFN[k]]])), null, 1))
    const final = await router.handle('runtimes:list', {})
    expect(final.ok).toBe(true)
    const elapsed = Date.now() - started
    console.log(`IPC fuzz: ${PAYLOADS} payloads in ${elapsed} ms; ${counts.ok} ok, ${counts.error} errors (${counts.checkedForWrites} checked for writes); runs started ${counts.runsStarted}; longest error ${longestMessage} chars`)
    expect(findings).toEqual([])
    expect(counts.ok + counts.error).toBe(PAYLOADS)
    // Every channel was reached with inputs its schema accepts, not only refused at the door.
    recordFigure('fuzz-ipc-payloads', PAYLOADS, `across ${CHANNEL_NAMES.length} channels and unknown ones; ${counts.ok} ok, ${counts.error} typed errors, ${counts.checkedForWrites} error answers checked for writes; seed ${seed}`)
    recordFigure('fuzz-seed', seed, 'ATTUNE_FUZZ_SEED replays the IPC and CLI fuzz')

    /**
     * A successful call may write (that is its job); let what it started finish so the next error answer is
     * judged on a quiet home, and put back the good packs a fuzzed `packs:remove` took away.
     */
    async function settle(payload: FuzzPayload, value: unknown, found: (problem: string) => void): Promise<void> {
      switch (payload.channel) {
        case 'executions:start':
        case 'executions:rerun':
          counts.runsStarted++
          await workbench.executions.wait((value as ExecutionView).id)
          return
        case 'matrix:start':
          for (const run of (value as MatrixView).runs) await workbench.executions.wait(run.id)
          counts.runsStarted += (value as MatrixView).runs.length
          return
        case 'packs:add': {
          const pack = (value as PackRegistrationResult).pack
          const asked = realpathSync(resolve(String((payload.input as { dir: string }).dir).trim()))
          if (pack.dir !== asked || !existsSync(`${asked}/pack.yaml`)) found(`packs:add registered ${pack.dir}, but ${asked} was asked for`)
          return
        }
        case 'packs:remove':
          for (const ref of GOOD_PACKS) {
            if (workbench.packs.list().some((pack: PackView) => pack.ref === ref)) continue
            const again = await router.handle('packs:add', { dir: packDirs[ref] })
            if (!again.ok) found(`could not add ${ref} again: ${again.error.message}`)
          }
          return
        default:
      }
    }
  }, 120_000)
})
