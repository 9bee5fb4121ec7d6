import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { holdDataHome } from '../../../test-support/hold-data-home'
import { RuntimeMachine } from '../../../test-support/runtime-machine'

// The command as installed: bin/attune-workbench.js loads the built out/main/cli.js.
const BIN = fileURLToPath(new URL('../../../bin/attune-workbench.js', import.meta.url))
const BUILT = fileURLToPath(new URL('../../../out/main/cli.js', import.meta.url))

let machine: RuntimeMachine

beforeEach(() => {
  machine = RuntimeMachine.create()
})
afterEach(() => {
  machine.dispose()
})

/** Run the built command with a cleared environment; only commands that never probe the machine are used here. */
function bin(...argv: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, '--home', machine.dataHome, ...argv], {
    // Set but empty: every runtime is filtered out, so `runtimes list` verifies without probing anything.
    env: { HOME: machine.home, PATH: machine.path('tools'), ATTUNE_WORKER_RUNTIMES: '' },
    encoding: 'utf8',
    timeout: 30_000
  })
  expect(result.stdout + result.stderr).not.toMatch(/\n\s+at .+:\d+/)
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('the built attune-workbench command', () => {
  it('is built (run `npx electron-vite build` in a fresh checkout)', () => {
    expect(existsSync(BUILT), `${BUILT} is missing; run npx electron-vite build`).toBe(true)
  })

  it('resolves a candidate list and prints one JSON document', () => {
    const run = bin('resolve', 'python', '--candidates', '3.11,3.12*,3.13!', '--json')
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toMatchObject({ runtime: 'core.python', selected: '3.12', fallback: null, valid: true })
  })

  it('exits 2 and still prints the resolution for an invalid constraint', () => {
    const run = bin('--json', 'resolve', 'python', '--constraint', '>=v3.12', '--candidates', '3.12')
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stdout)).toMatchObject({ valid: false, selected: null, fallback: 'base', error: expect.stringContaining('>=v3.12') })
  })

  it('exits 2 with a JSON error for an unknown command and for an unknown runtime version', () => {
    const unknown = bin('frobnicate', '--json')
    expect(unknown.code).toBe(2)
    expect(JSON.parse(unknown.stdout)).toEqual({ error: { kind: 'bad-input', message: "unknown command 'frobnicate' (try --help)" } })
    expect(unknown.stderr).toBe("error: unknown command 'frobnicate' (try --help)\n")
    const version = bin('runtimes', 'disable', 'python', '2.7', '--json')
    expect(version.code).toBe(2)
    expect(JSON.parse(version.stdout).error.message).toContain("no version '2.7'")
  })

  it('persists a toggle across runs', () => {
    expect(JSON.parse(bin('runtimes', 'disable', 'python', '3.13', '--json').stdout)).toMatchObject({ version: '3.13', enabled: false })
    expect(JSON.parse(bin('runtimes', 'disable', 'node', '22', '--json').stdout)).toMatchObject({ version: '22', enabled: false })
    expect(JSON.parse(bin('runtimes', 'enable', 'python', '3.13', '--json').stdout)).toMatchObject({ version: '3.13', enabled: true })
    const listed = bin('runtimes', 'list', '--json')
    expect(listed.code).toBe(0)
    const versions = (JSON.parse(listed.stdout) as { runtimes: { versions: { runtime: string; version: string; enabled: boolean; reason: string }[] }[] }).runtimes.flatMap((r) => r.versions)
    expect(versions.filter((row) => !row.enabled).map((row) => `${row.runtime} ${row.version}`)).toEqual(['core.nodejs 22'])
    expect(versions.every((row) => row.reason.includes('ATTUNE_WORKER_RUNTIMES='))).toBe(true)
  })

  it('exits 3 while another process holds the data home', async () => {
    expect(bin('runtimes', 'enable', 'python', '3.12').code).toBe(0)
    const held = await holdDataHome(machine.dataHome)
    try {
      const run = bin('runtimes', 'enable', 'python', '3.12', '--json')
      expect(run.code).toBe(3)
      expect(JSON.parse(run.stdout)).toEqual({ error: { kind: 'environment', message: expect.stringContaining('in use by another Attune Workbench process') } })
    } finally {
      await held.release()
    }
  })
})
