import { execFileSync } from 'node:child_process'
import { copyFileSync, cpSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PackProblem, PackView } from '../../../shared/domain/pack'
import type { PackRegistrationResult } from '../../../shared/ipc/contract'
import { CATALOG_DIR, systemTool } from '../../../../test-support/env-machine'
import { recordFigure } from '../../../../test-support/hardening-figures'
import { RuntimeMachine, writeTestCatalog } from '../../../../test-support/runtime-machine'
import { createRouter, type Router } from '../../ipc/router'
import { openWorkbench, type Workbench } from '../workbench'
import { MAX_PACK_FILE_BYTES } from './pack-loader-files'

/**
 * The malformed corpus (issue 6, "Bad input"): every folder of `fixtures/corpus` is registered through the
 * router and the real PackService on a temp home, beside a good pack. Each must be refused or loaded with
 * exactly the problems the table names (file, field, line), nothing may crash, and the good pack must keep
 * loading and running.
 */

const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url))

/** A problem the loader must report, relative to the corpus entry's folder. */
interface Expected {
  readonly file: string
  /** The dotted field; null for problems about the whole file (syntax, bytes, size, links). */
  readonly field: string | null
  /** The line YAML gives, or null when there is none (a missing key, an unreadable file). */
  readonly line: number | null
  readonly severity?: PackProblem['severity']
}

/** Where the generated parts of a corpus entry go. */
interface Workshop {
  /** The entry's folder in the temp copy. */
  readonly dir: string
  /** A folder outside every pack, for links that try to leave one. */
  readonly outside: string
}

interface CorpusCase {
  readonly name: string
  readonly kind: string
  /** Exactly the problems reported, in load order; for a refused pack, the one problem that refuses it. */
  readonly problems: readonly Expected[]
  /** The pack cannot be registered at all (no usable pack.yaml): the answer is a bad-input error. */
  readonly refused?: true
  /** Bytes that cannot sensibly be committed, written into the temp copy. */
  readonly prepare?: (at: Workshop) => void
}

const at = (file: string, field: string | null, line: number | null, severity: PackProblem['severity'] = 'error'): Expected => ({ file, field, line, severity })
const action = (field: string | null, line: number | null, severity: PackProblem['severity'] = 'error'): Expected => at('actions/hello.yaml', field, line, severity)
const runtime = (field: string | null, line: number | null): Expected => at('runtimes/tool.yaml', field, line)

const OVER_LIMIT = 'x'.repeat(MAX_PACK_FILE_BYTES + 16)

const CORPUS: readonly CorpusCase[] = [
  // YAML syntax
  { name: 'yaml-unclosed-quote', kind: 'syntax', problems: [at('actions/broken.yaml', null, 3)] },
  { name: 'yaml-bad-indent', kind: 'syntax', problems: [at('actions/broken.yaml', null, 7)] },
  { name: 'yaml-tab-indent', kind: 'syntax', problems: [at('actions/broken.yaml', null, 5)] },
  { name: 'yaml-duplicate-key', kind: 'syntax', problems: [at('actions/broken.yaml', null, 4)] },
  { name: 'pack-yaml-syntax', kind: 'syntax', refused: true, problems: [at('pack.yaml', null, 3)] },
  { name: 'runtime-yaml-syntax', kind: 'syntax', problems: [runtime(null, 4)] },
  { name: 'yaml-alias-bomb', kind: 'syntax', problems: [at('actions/bomb.yaml', null, null)] },
  { name: 'yaml-not-mapping', kind: 'syntax', problems: [at('actions/list.yaml', null, 1)] },
  // Wrong types
  { name: 'ref-number', kind: 'type', problems: [action('ref', 1)] },
  { name: 'ref-list', kind: 'type', problems: [action('ref', 1)] },
  { name: 'pack-ref-number', kind: 'type', refused: true, problems: [at('pack.yaml', 'ref', 1)] },
  { name: 'parameters-list', kind: 'type', problems: [action('parameters', 4)] },
  { name: 'parameters-json-schema', kind: 'type', problems: [action('parameters', 4)] },
  { name: 'timeout-string', kind: 'type', problems: [action('timeout_seconds', 4)] },
  { name: 'timeout-negative', kind: 'type', problems: [action('timeout_seconds', 4)] },
  { name: 'timeout-float', kind: 'type', problems: [action('timeout_seconds', 4)] },
  { name: 'enabled-string', kind: 'type', problems: [action('enabled', 4)] },
  { name: 'enum-not-list', kind: 'type', problems: [action('parameters.color.enum', 7)] },
  { name: 'default-type-mismatch', kind: 'type', problems: [action('parameters.count.default', 7)] },
  { name: 'default-not-in-enum', kind: 'type', problems: [action('parameters.color.default', 8)] },
  { name: 'required-not-boolean', kind: 'type', problems: [action('parameters.name.required', 7)] },
  { name: 'field-type-unknown', kind: 'type', problems: [action('parameters.name.type', 6)] },
  { name: 'runner-type-number', kind: 'type', problems: [action('runner_type', 2)] },
  { name: 'entry-point-list', kind: 'type', problems: [action('entry_point', 3)] },
  // Missing fields
  { name: 'action-no-ref', kind: 'missing', problems: [action('ref', null)] },
  { name: 'action-no-entry-point', kind: 'missing', problems: [action('entry_point', null)] },
  { name: 'pack-yaml-empty', kind: 'missing', refused: true, problems: [at('pack.yaml', 'ref', null)] },
  { name: 'pack-yaml-absent', kind: 'missing', refused: true, problems: [at('pack.yaml', null, null)] },
  { name: 'pack-yaml-no-ref', kind: 'missing', refused: true, problems: [at('pack.yaml', 'ref', null)] },
  { name: 'runtime-no-ref', kind: 'missing', problems: [runtime('ref', null)] },
  // Runners and constraints
  // `cobol` names no runtime; `ruby` did before the catalog had all nine of the worker's (issue 11).
  { name: 'unknown-runner', kind: 'runner', problems: [action('runner_type', 2)] },
  { name: 'constraint-v-prefix', kind: 'constraint', problems: [action('runtime_version', 4)] },
  // `>=3.x` is padded to `>=3.x.0`, which the semver crate rejects (a bare `3.x` is valid there).
  { name: 'constraint-wildcard', kind: 'constraint', problems: [action('runtime_version', 4)] },
  { name: 'constraint-or', kind: 'constraint', problems: [action('runtime_version', 4)] },
  { name: 'constraint-four-parts', kind: 'constraint', problems: [action('runtime_version', 4)] },
  { name: 'constraint-number', kind: 'constraint', problems: [action('runtime_version', 4)] },
  { name: 'required-runtimes-bad', kind: 'constraint', problems: [action('required_worker_runtimes.python', 5), action('required_worker_runtimes.node', 6)] },
  // Entry points that leave the pack or are not scripts
  { name: 'entry-parent', kind: 'escape', problems: [action('entry_point', 3)] },
  { name: 'entry-absolute', kind: 'escape', problems: [action('entry_point', 3)] },
  {
    name: 'entry-symlink-out',
    kind: 'escape',
    problems: [action('entry_point', 3)],
    prepare: ({ dir, outside }) => symlinkSync(join(outside, 'secret.sh'), join(dir, 'actions/out.sh'))
  },
  { name: 'entry-symlink-loop', kind: 'symlink', problems: [action('entry_point', 3)], prepare: ({ dir }) => symlinkSync('loop.sh', join(dir, 'actions/loop.sh')) },
  { name: 'entry-missing', kind: 'missing', problems: [action('entry_point', 3)] },
  { name: 'entry-folder', kind: 'escape', problems: [action('entry_point', 3)] },
  { name: 'entry-native-not-executable', kind: 'escape', problems: [action('entry_point', 3)] },
  // Links, sizes, bytes and pipes, made in the temp copy
  {
    name: 'actions-symlink-loop',
    kind: 'symlink',
    problems: [at('actions/a.yaml', null, null), at('actions/b.yaml', null, null), at('actions/loop.yaml', null, null)],
    prepare: ({ dir }) => {
      symlinkSync('loop.yaml', join(dir, 'actions/loop.yaml'))
      symlinkSync('b.yaml', join(dir, 'actions/a.yaml'))
      symlinkSync('a.yaml', join(dir, 'actions/b.yaml'))
    }
  },
  { name: 'actions-dir-loop', kind: 'symlink', problems: [at('actions', null, null)], prepare: ({ dir }) => symlinkSync('actions', join(dir, 'actions')) },
  {
    name: 'runtime-symlink-out',
    kind: 'escape',
    problems: [runtime(null, null)],
    prepare: ({ dir, outside }) => {
      mkdirSync(join(dir, 'runtimes'))
      symlinkSync(join(outside, 'tool.yaml'), join(dir, 'runtimes/tool.yaml'))
    }
  },
  {
    name: 'pack-yaml-symlink-out',
    kind: 'escape',
    refused: true,
    problems: [at('pack.yaml', null, null)],
    prepare: ({ dir, outside }) => symlinkSync(join(outside, 'pack.yaml'), join(dir, 'pack.yaml'))
  },
  {
    name: 'huge-action',
    kind: 'huge',
    problems: [at('actions/huge.yaml', null, null)],
    prepare: ({ dir }) => write(join(dir, 'actions/huge.yaml'), `ref: huge-action.huge\nentry_point: huge.sh\ndescription: "${OVER_LIMIT}"\n`)
  },
  {
    name: 'huge-pack-yaml',
    kind: 'huge',
    refused: true,
    problems: [at('pack.yaml', null, null)],
    prepare: ({ dir }) => write(join(dir, 'pack.yaml'), `ref: huge-pack-yaml\ndescription: "${OVER_LIMIT}${OVER_LIMIT}"\n`)
  },
  {
    name: 'non-utf8-action',
    kind: 'bytes',
    problems: [at('actions/latin.yaml', null, null)],
    prepare: ({ dir }) => write(join(dir, 'actions/latin.yaml'), Buffer.concat([Buffer.from('ref: non-utf8-action.latin\ndescription: caf'), Buffer.from([0xe9]), Buffer.from('\nentry_point: hello.sh\n')]))
  },
  {
    name: 'non-utf8-runtime',
    kind: 'bytes',
    problems: [runtime(null, null)],
    prepare: ({ dir }) => write(join(dir, 'runtimes/tool.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ref: non-utf8-runtime.tool\n', 'utf16le')]))
  },
  { name: 'fifo-action', kind: 'fifo', problems: [at('actions/pipe.yaml', null, null)], prepare: ({ dir }) => mkfifo(join(dir, 'actions/pipe.yaml')) },
  { name: 'fifo-pack-yaml', kind: 'fifo', refused: true, problems: [at('pack.yaml', null, null)], prepare: ({ dir }) => mkfifo(join(dir, 'pack.yaml')) },
  // Duplicates
  { name: 'duplicate-action-ref', kind: 'duplicate', problems: [at('actions/second.yaml', 'ref', 2)] },
  { name: 'duplicate-runtime-ref', kind: 'duplicate', problems: [at('runtimes/b.yaml', 'ref', 2)] },
  { name: 'duplicate-pack-ref', kind: 'duplicate', refused: true, problems: [at('pack.yaml', 'ref', null)] },
  { name: 'duplicate-version', kind: 'duplicate', problems: [runtime('versions[1].version', 4)] },
  // Reserved env vars
  { name: 'reserved-env-top', kind: 'reserved', problems: [runtime('execution_config.env_vars.ATTUNE_EXEC_ID', 5)] },
  { name: 'reserved-env-version', kind: 'reserved', problems: [runtime('versions[0].execution_config.env_vars.ATTUNE_API_TOKEN', 7)] },
  // Runtime files
  { name: 'runtime-version-number', kind: 'runtime', problems: [runtime('versions[0].version', 3)] },
  { name: 'runtime-versions-mapping', kind: 'runtime', problems: [runtime('versions', 2)] },
  { name: 'runtime-env-no-type', kind: 'runtime', problems: [runtime('execution_config.environment.env_type', 4)] },
  { name: 'runtime-bad-aliases', kind: 'runtime', problems: [runtime('aliases[0]', 2)] },
  { name: 'runtime-foreign-ref', kind: 'runtime', problems: [at('runtimes/python.yaml', 'ref', 1)] },
  { name: 'runtime-hijack-good', kind: 'runtime', problems: [runtime('ref', 1)] },
  { name: 'runtime-ref-upper', kind: 'runtime', problems: [runtime('ref', 1)] },
  { name: 'runtime-config-wrong-type', kind: 'runtime', problems: [runtime('execution_config.interpreter.args', 5)] },
  // Refs
  { name: 'pack-ref-dots', kind: 'ref', refused: true, problems: [at('pack.yaml', 'ref', 1)] },
  { name: 'pack-ref-upper', kind: 'ref', refused: true, problems: [at('pack.yaml', 'ref', 2)] },
  { name: 'action-ref-foreign', kind: 'ref', problems: [action('ref', 2)] },
  { name: 'action-ref-upper', kind: 'ref', problems: [action('ref', 1)] },
  { name: 'action-ref-dots', kind: 'ref', problems: [action('ref', 1)] },
  // Options
  { name: 'output-and-schema', kind: 'option', problems: [action('output_schema', 6, 'warning')] },
  { name: 'delivery-env', kind: 'option', problems: [action('parameter_delivery', 4)] },
  { name: 'format-unknown', kind: 'option', problems: [action('parameter_format', 4), action('output_format', 5)] },
  // The rest of a pack (issue 14): a sensor file that is not YAML, a rule whose action does not exist
  { name: 'sensor-yaml-broken', kind: 'component', problems: [at('sensors/watch.yaml', null, 5)] },
  { name: 'rule-missing-action', kind: 'component', problems: [at('rules/on_tick.yaml', 'action_ref', 3)] },
  // Keys Attune does not read are not errors
  { name: 'unknown-keys', kind: 'unknown-keys', problems: [] }
]

function write(file: string, content: string | Buffer): void {
  mkdirSync(join(file, '..'), { recursive: true })
  writeFileSync(file, content)
}

function mkfifo(file: string): void {
  mkdirSync(join(file, '..'), { recursive: true })
  execFileSync(systemTool('mkfifo'), [file])
}

/** `file:line: field: message` (formatProblem) names the expected file, line and field. */
function expectNamedIn(message: string, dir: string, expected: Expected): void {
  const where = `${join(dir, expected.file)}${expected.line === null ? '' : `:${expected.line}`}:`
  expect(message.startsWith(where), `'${message}' should start with '${where}'`).toBe(true)
  const rest = message.slice(where.length)
  if (expected.field !== null) expect(rest.startsWith(` ${expected.field}: `), `'${message}' should name field ${expected.field}`).toBe(true)
  expect(rest.trim().length).toBeGreaterThan(10)
}

let machine: RuntimeMachine
let workbench: Workbench
let router: Router
let corpusDir: string
let goodDir: string
let problemsReported = 0
const registered: string[] = []

async function call<T>(channel: string, input: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { kind: string; message: string } }> {
  return (await router.handle(channel, input)) as { ok: true; value: T } | { ok: false; error: { kind: string; message: string } }
}

/** The good pack is registered as it was: its folder, no problems, both actions on their runtimes. */
function expectGoodPackIntact(): void {
  const good = workbench.packs.get('good')
  expect([good.dir, good.problems, good.actions.map((a) => [a.ref, a.runtimeRef])]).toEqual([
    goodDir,
    [],
    [
      ['good.hello', 'core.shell'],
      ['good.tool_action', 'good.tool']
    ]
  ])
}

/** The good pack's two actions run and say so. */
async function expectGoodPackWorks(): Promise<void> {
  expectGoodPackIntact()
  const hello = await workbench.executions.run('good.hello', { name: 'corpus' })
  expect([hello.status, hello.stdout]).toEqual(['completed', 'hello corpus\n'])
  const tool = await workbench.executions.run('good.tool_action', {})
  expect([tool.status, tool.stdout]).toEqual(['completed', 'tool ran\n'])
}

beforeAll(async () => {
  machine = RuntimeMachine.create()
  corpusDir = machine.path('corpus')
  goodDir = machine.path('good_pack')
  cpSync(join(FIXTURES, 'corpus'), corpusDir, { recursive: true })
  cpSync(join(FIXTURES, 'good_pack'), goodDir, { recursive: true })
  const outside = machine.fake.dir('outside')
  writeFileSync(join(outside, 'secret.sh'), 'echo secret\n')
  writeFileSync(join(outside, 'tool.yaml'), 'ref: runtime-symlink-out.tool\n')
  writeFileSync(join(outside, 'pack.yaml'), 'ref: pack-yaml-symlink-out\n')
  for (const entry of CORPUS) entry.prepare?.({ dir: join(corpusDir, entry.name), outside })
  // The test catalog plus the built-in core.native, so 'native' actions resolve.
  const catalogDir = writeTestCatalog(machine.path('catalog'))
  copyFileSync(join(CATALOG_DIR, 'native.yaml'), join(catalogDir, 'native.yaml'))
  workbench = openWorkbench({ home: machine.dataHome, env: machine.env([]), catalogDir, discovery: machine.discovery, examplePacksDir: null })
  router = createRouter(workbench, { kind: 'browser', version: 'test', startup: () => ({ phase: 'ready', message: '' }) })
  const good = await call<PackRegistrationResult>('packs:add', { dir: goodDir })
  expect(good.ok).toBe(true)
  await expectGoodPackWorks()
})

afterAll(() => {
  workbench?.close()
  machine?.dispose()
})

describe('the malformed corpus', () => {
  it('has a table row for every folder, and at least 40 of them', () => {
    const folders = readdirSync(corpusDir, { withFileTypes: true }).filter((entry) => entry.isDirectory() || entry.isSymbolicLink()).map((entry) => entry.name)
    expect(CORPUS.map((entry) => entry.name).sort()).toEqual(folders.sort())
    expect(CORPUS.length).toBeGreaterThanOrEqual(40)
  })

  it.each(CORPUS)('$name ($kind): named by file, field and line; nothing crashes; the good pack stays intact', async (entry) => {
    const dir = join(corpusDir, entry.name)
    const before = workbench.packs.list()
    const added = await call<PackRegistrationResult>('packs:add', { dir })

    if (entry.refused) {
      if (added.ok) throw new Error(`expected ${entry.name} to be refused, it registered with ${JSON.stringify(added.value.pack.problems)}`)
      expect(added.error.kind).toBe('bad-input')
      expect(entry.problems).toHaveLength(1)
      expectNamedIn(added.error.message, dir, entry.problems[0] as Expected)
      // Refused means refused: no row, no half-registered pack.
      expect(workbench.packs.list()).toEqual(before)
      problemsReported += 1
    } else {
      if (!added.ok) throw new Error(`expected ${entry.name} to register with problems, got ${added.error.kind}: ${added.error.message}`)
      const pack: PackView = added.value.pack
      expect(pack.dir).toBe(dir)
      const simplified = pack.problems.map((problem) => ({ file: problem.file, field: problem.field, line: problem.line, severity: problem.severity }))
      expect(simplified).toEqual(entry.problems.map((p) => ({ ...p, file: join(dir, p.file), severity: p.severity ?? 'error' })))
      for (const problem of pack.problems) expect(problem.message.length).toBeGreaterThan(10)
      problemsReported += pack.problems.length
      registered.push(pack.ref)

      const reloaded = await call<PackRegistrationResult>('packs:reload', { ref: pack.ref })
      if (!reloaded.ok) throw new Error(`reload of ${entry.name} failed: ${reloaded.error.message}`)
      expect(reloaded.value.pack.problems).toEqual(pack.problems)
    }
    // Runs cost a process each: the good pack runs after every tenth entry and at the end.
    if (CORPUS.indexOf(entry) % 10 === 9) await expectGoodPackWorks()
    else expectGoodPackIntact()
  })

  it('after every bad pack was added and reloaded, the good pack, its runtime and the catalog still work', async () => {
    for (const ref of registered) {
      const reloaded = await call<PackRegistrationResult>('packs:reload', { ref })
      expect(reloaded.ok).toBe(true)
    }
    const runtimes = await call<{ ref: string; available: boolean }[]>('runtimes:list', {})
    if (!runtimes.ok) throw new Error(runtimes.error.message)
    const refs = runtimes.value.map((r) => r.ref)
    expect(refs).toEqual(expect.arrayContaining(['core.shell', 'core.python', 'core.nodejs', 'core.native', 'good.tool']))
    // No pack took over a runtime or an action that is not its own.
    expect(refs.filter((ref) => ref.startsWith('core.') || ref.startsWith('good.')).sort()).toEqual(['core.native', 'core.nodejs', 'core.python', 'core.shell', 'good.tool'])
    expect(workbench.packs.list().flatMap((p) => p.actions.map((a) => a.ref)).filter((ref) => ref.startsWith('good.'))).toEqual(['good.hello', 'good.tool_action'])
    await expectGoodPackWorks()

    recordFigure('corpus-packs', CORPUS.length, `malformed packs and runtime files (${CORPUS.filter((e) => e.refused).length} refused, ${registered.length} registered with their problems)`)
    recordFigure('corpus-problems', problemsReported, 'problems reported naming file and field, across the corpus')
  })
})
