import { writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captureIo } from '../../../test-support/capture-io'
import { commandOf, nextArgv, type CliFuzzVocabulary } from '../../../test-support/cli-fuzz-argv'
import { createFuzzMachine, FUZZ_REFS, fuzzDirs, type FuzzMachine } from '../../../test-support/fuzz-machine'
import { recordFigure } from '../../../test-support/hardening-figures'
import { fuzzSeed, SeededRandom } from '../../../test-support/seeded-random'
import { runCli } from './run-cli'

/**
 * The seeded CLI fuzz (issue 6, "Bad input"): at least 1,000 random argument vectors through `runCli`
 * in-process, on a home with registered packs and some history. Every invocation must end with an exit code
 * of the contract (0-3), print no stack trace, and with `--json` print one JSON document — a typed
 * `{error: {kind, message}}` when it failed.
 */

const VECTORS = 1_000
const SERVE_CHECK_EVERY = 100
const ERROR_KINDS = ['bad-input', 'environment', 'failed']
const STACK_LINE = /^\s{4}at |\n\s+at .+:\d+/m

let fuzz: FuzzMachine

async function cli(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const captured = captureIo(fuzz.env)
  const code = await runCli(['--home', fuzz.machine.dataHome, ...argv], captured.io, fuzz.options)
  return { code, stdout: captured.stdout(), stderr: captured.stderr() }
}

beforeAll(async () => {
  fuzz = createFuzzMachine()
  for (const dir of Object.values(fuzz.packDirs)) expect((await cli(['packs', 'add', dir])).code).toBe(0)
  expect((await cli(['run', 'good.hello', '-p', 'name=seed'])).code).toBe(0)
  expect((await cli(['run', 'fz.typed', '-p', 'name=seed', '-p', 'token=s3cret'])).code).toBe(0)
}, 60_000)

afterAll(() => fuzz?.machine.dispose())

/** What is wrong with the JSON document a `--json` invocation printed, or null. */
function jsonProblem(code: number, stdout: string): string | null {
  let doc: unknown
  try {
    doc = JSON.parse(stdout)
  } catch {
    return `stdout is not one JSON document: ${JSON.stringify(stdout.slice(0, 200))}`
  }
  if (typeof doc !== 'object' || doc === null) return `stdout is JSON but not an object: ${stdout.slice(0, 100)}`
  const error = (doc as { error?: unknown }).error
  if (typeof error === 'object' && error !== null) {
    const { kind, message } = error as { kind?: unknown; message?: unknown }
    if (typeof kind !== 'string' || !ERROR_KINDS.includes(kind)) return `error kind ${JSON.stringify(kind)}: ${String(message)}`
    if (typeof message !== 'string' || message.trim() === '') return 'an error without a message'
    if (code === 0) return 'an error document with exit code 0'
    return null
  }
  if (code === 0) return null
  // A failure that is not an error document is a result that says so: a run, a matrix, env builds, an invalid constraint.
  const result = doc as { status?: unknown; summary?: unknown; envs?: unknown; valid?: unknown; action?: unknown }
  const explained = typeof result.status === 'string' || result.summary !== undefined || result.envs !== undefined || result.valid === false || (result.action !== undefined && code !== 2)
  return explained ? null : `exit ${code} with a document that is neither an error nor a result: ${stdout.slice(0, 200)}`
}

describe('CLI fuzz', () => {
  it(`ends ${VECTORS} seeded argument vectors with a contract exit code, no stack trace, and JSON errors under --json`, async () => {
    const seed = fuzzSeed()
    console.log(`CLI fuzz seed: ${seed} (replay with ATTUNE_FUZZ_SEED=${seed})`)
    const r = new SeededRandom(seed ^ 0xc11)
    const { machine } = fuzz
    const aFile = machine.path('a-file')
    writeFileSync(aFile, 'not a folder\n')
    const vocabulary: CliFuzzVocabulary = {
      refs: [...FUZZ_REFS, '1', '2', '3', '999'],
      dirs: fuzzDirs(machine),
      homes: [machine.dataHome, machine.path('other-home'), aFile, `${aFile}/below`, machine.path('packs/good/pack.yaml')]
    }
    const baseline = Object.getOwnPropertyNames(Object.prototype).sort().join()
    const findings: string[] = []
    const codes = new Map<number, number>()
    let jsonChecked = 0
    const started = Date.now()

    for (let index = 0; index < VECTORS; index++) {
      const argv = nextArgv(r, vocabulary)
      const shown = JSON.stringify(argv.map((arg) => (arg.length > 80 ? `${arg.slice(0, 20)}…(${arg.length})` : arg)))
      const found = (problem: string): void => void findings.push(`#${index} ${shown}: ${problem}`)
      let result: { code: number; stdout: string; stderr: string }
      try {
        result = await cli(argv)
      } catch (error) {
        found(`runCli threw: ${(error as Error).message}`)
        continue
      }
      const { code, stdout, stderr } = result
      codes.set(code, (codes.get(code) ?? 0) + 1)
      if (![0, 1, 2, 3].includes(code)) found(`exit code ${code}`)
      if (STACK_LINE.test(stdout) || STACK_LINE.test(stderr)) found(`a stack trace: ${(stdout + stderr).slice(0, 300)}`)
      if (stderr.includes('unexpected failure')) found(`an internal error: ${stderr.slice(0, 300)}`)
      // Asked-for usage is text, even with --json.
      if (argv.includes('--json') && !commandOf(argv).help) {
        jsonChecked++
        const problem = jsonProblem(code, stdout)
        if (problem) found(problem)
      }
      if (Object.getOwnPropertyNames(Object.prototype).sort().join() !== baseline || ({} as Record<string, unknown>).polluted !== undefined) {
        found('Object.prototype was polluted')
        break
      }
      if (argv.includes('remove')) {
        // A fuzzed `packs remove` may hit a registered pack: put it back, the rest of the fuzz aims at it.
        for (const dir of Object.values(fuzz.packDirs)) await cli(['packs', 'add', dir])
      }
      if (index % SERVE_CHECK_EVERY === SERVE_CHECK_EVERY - 1) {
        const listed = await cli(['runtimes', 'list', '--json'])
        if (listed.code !== 0) found(`runtimes list failed afterwards: ${listed.stderr.slice(0, 200)}`)
      }
      if (findings.length > 30) break
    }

    const elapsed = Date.now() - started
    console.log(`CLI fuzz: ${VECTORS} vectors in ${elapsed} ms; exit codes ${JSON.stringify(Object.fromEntries(codes))}; ${jsonChecked} --json outputs checked`)
    expect(findings).toEqual([])
    expect((await cli(['runtimes', 'list', '--json'])).code).toBe(0)
    recordFigure('fuzz-cli-argv', VECTORS, `argument vectors through runCli; exit codes ${[...codes].sort().map(([code, n]) => `${code}: ${n}`).join(', ')}; ${jsonChecked} --json outputs checked; seed ${seed}`)
  }, 300_000) // about 10 s on a quiet machine
})
