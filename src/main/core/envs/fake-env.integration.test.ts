import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, it, expect } from 'vitest'
import { captureBaselineEnv } from '../commands/baseline-env'
import { buildEnv, type BuildOptions } from './build-env'
import { EnvBuilder } from './env-builder'
import { METADATA_FILE } from './env-layout'
import { envNeededSync, type EnvSpec } from './env-spec'
import { countingRunner, EnvTestRoot, fakePythonScript, pythonConfig } from './env-test-kit'
import { inspectEnv } from './inspect-env'

/** Setup mechanics with fake interpreters (real `#!/bin/sh` processes): fast enough to run many envs. */
let root: EnvTestRoot
let python: string
const BASELINE = captureBaselineEnv(process.env)

beforeEach(() => {
  root = EnvTestRoot.create()
  python = root.file('bin/python3.12', fakePythonScript('3.12.4'), 0o755)
})
afterEach(() => root.dispose())

const options = (extra: Partial<BuildOptions> = {}): BuildOptions => ({ baselineEnv: BASELINE, logsDir: root.logs, ...extra })

function demo(ref = 'demo', requirements: string | null = 'fake==1\n', change: Partial<EnvSpec> = {}): EnvSpec {
  root.pack(ref, requirements === null ? {} : { 'requirements.txt': requirements })
  return root.spec({ packRef: ref, version: '3.12', config: pythonConfig(python), expectedInterpreter: python, expectedVersion: '3.12', ...change })
}

describe('setup command environment (spec §4.5)', () => {
  it('is the baseline plus runtime env_vars with HOME and caches redirected; nothing else leaks in', async () => {
    process.env.ATTUNE_WB_TEST_CANARY = 'leaked'
    process.env.WB_TEST_CANARY = 'leaked'
    try {
      const spec = demo()
      const config = { ...spec.config, env_vars: { ...spec.config.env_vars, ATTUNE_API_TOKEN: 'secret', EXTRA: '{env_dir}/x' } }
      const result = await buildEnv({ ...spec, config }, options({ baselineEnv: captureBaselineEnv(process.env) }))
      expect(result.status).toBe('ready')

      const lines = readFileSync(join(spec.envDir, 'setup-env.txt'), 'utf8').split('\n')
      const setupHome = join(spec.envDir, '.attune-setup')
      expect(lines).toEqual(
        expect.arrayContaining([
          `HOME=${setupHome}`,
          `XDG_CONFIG_HOME=${setupHome}/config`,
          `XDG_CACHE_HOME=${setupHome}/cache`,
          `PIP_CACHE_DIR=${setupHome}/cache/pip`,
          'PIP_CONFIG_FILE=/dev/null',
          `PYTHONPATH=${spec.packDir}/lib`,
          `EXTRA=${spec.envDir}/x`,
          // The machine's PATH, without what npm put there for the test run (issue 9 finding 10).
          `PATH=${captureBaselineEnv(process.env).PATH}`
        ])
      )
      expect(lines.join('\n')).not.toMatch(/CANARY|ATTUNE_API_TOKEN|secret/)
      expect(readFileSync(join(spec.envDir, 'setup-cwd.txt'), 'utf8').trim()).toBe(spec.packDir)
      expect(readFileSync(result.logFile ?? '', 'utf8')).toContain('warning: env var ATTUNE_API_TOKEN skipped')
    } finally {
      delete process.env.ATTUNE_WB_TEST_CANARY
      delete process.env.WB_TEST_CANARY
    }
  })
})

describe('envNeededSync (spec §4.6)', () => {
  it('skips a runtime with neither environment nor manifest', () => {
    const packDir = root.pack('p', { 'requirements.txt': 'x\n' })
    const shell = { interpreter: { binary: '/bin/bash' } }
    expect(envNeededSync({ config: shell, packDir })).toBe(false)
    expect(envNeededSync({ config: pythonConfig(python), packDir })).toBe(true)
    const depsOnly = { dependencies: { manifest_file: 'requirements.txt', install_command: ['pip'] } }
    expect(envNeededSync({ config: depsOnly, packDir })).toBe(true)
    expect(envNeededSync({ config: depsOnly, packDir: root.pack('empty') })).toBe(false)
  })

  it('builds nothing for dependencies without an environment (spec §4.2 quirk)', async () => {
    const spec = demo()
    const { run, calls } = countingRunner()
    const result = await buildEnv({ ...spec, config: { ...spec.config, environment: null } }, options({ run }))
    expect(result).toMatchObject({ status: 'ready', plan: 'none' })
    expect(result.reason).toMatch(/^no environment configured \(its dependencies are not installed either/)
    expect(calls).toEqual([])
    expect(existsSync(spec.envDir)).toBe(false)
  })
})

describe('buildEnv failures', () => {
  it('fails without a create_command and leaves nothing behind', async () => {
    const spec = demo()
    const config = { ...spec.config, environment: { env_type: 'virtualenv', interpreter_path: '{env_dir}/bin/python3' } }
    const result = await buildEnv({ ...spec, config }, options())
    expect(result).toMatchObject({ status: 'failed', error: "Environment type 'virtualenv' requires a create_command" })
    expect(result.view.status).toBe('failed')
    expect(existsSync(spec.envDir)).toBe(false)
  })

  it('reports a create_command that cannot start', async () => {
    const spec = demo()
    const config = { ...spec.config, environment: { env_type: 'virtualenv', create_command: [join(root.root, 'nope'), '{env_dir}'] } }
    const result = await buildEnv({ ...spec, config }, options())
    expect(result.error).toBe(`Environment creation failed: ${join(root.root, 'nope')} not found`)
  })

  it('rejects an env whose interpreter reports the wrong version', async () => {
    const spec = demo('demo', null, { expectedVersion: '3.13' })
    const result = await buildEnv(spec, options())
    expect(result.error).toBe(`The new environment is not usable: ${spec.envDir}/bin/python3 reports 3.12.4, expected 3.13`)
    expect(existsSync(spec.envDir)).toBe(false)
  })

  it('puts the old env back when a rebuild is cancelled, and kills the setup command', async () => {
    const spec = demo()
    expect((await buildEnv(spec, options())).status).toBe('ready')
    const metadata = readFileSync(join(spec.envDir, METADATA_FILE), 'utf8')
    writeFileSync(join(root.root, 'bin', 'SLOW_VENV'), '')
    const controller = new AbortController()
    const started = Date.now()
    setTimeout(() => controller.abort(), 300)

    const result = await buildEnv(spec, options({ recreate: true, signal: controller.signal }))

    expect(result).toMatchObject({ status: 'failed', error: 'Environment creation cancelled', restoredPrevious: true })
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(readFileSync(join(spec.envDir, METADATA_FILE), 'utf8')).toBe(metadata)
    expect(result.view).toMatchObject({ status: 'ready', error: 'Environment creation cancelled' })
    expect(root.leftovers('demo')).toEqual([])
  })
})

describe('inspectEnv', () => {
  it('calls the env stale when the expected interpreter moved or was upgraded', async () => {
    const spec = demo()
    await buildEnv(spec, options())
    const other = root.file('opt/python3.12', fakePythonScript('3.12.9'), 0o755)

    expect((await inspectEnv({ ...spec, expectedInterpreter: other }, options())).statusReason).toBe(
      `the env was built by ${python}, but ${other} now resolves to ${other}`
    )
    writeFileSync(python, fakePythonScript('3.12.5'))
    const upgraded = await inspectEnv(spec, options())
    expect(upgraded).toMatchObject({ status: 'stale', statusReason: `the interpreter ${python} was replaced or upgraded since the env was built`, plan: 'fresh' })

    expect((await buildEnv(spec, options())).view.status).toBe('ready')
  })

  it('forgets a failed rebuild once the env is wanted as it is again', async () => {
    const spec = demo()
    await buildEnv(spec, options())
    root.pack('demo', { 'requirements.txt': 'FAIL\n' })
    expect((await buildEnv(spec, options())).view).toMatchObject({ status: 'stale', error: expect.stringMatching(/^Dependency installation failed/) })

    root.pack('demo', { 'requirements.txt': 'fake==1\n' })
    const counter = countingRunner()
    const result = await buildEnv(spec, options({ run: counter.run }))
    expect(result).toMatchObject({ status: 'ready', plan: 'none' })
    expect(result.view).toMatchObject({ status: 'ready', error: null, logTail: null })
    expect((await inspectEnv(spec, options())).error).toBeNull()
    expect(counter.calls).toEqual([])
  })

  it('calls the env stale when the config changed', async () => {
    const spec = demo()
    await buildEnv(spec, options())
    const config = { ...spec.config, env_vars: { OTHER: '1' } }
    expect((await inspectEnv({ ...spec, config }, options())).statusReason).toBe("the runtime's execution_config changed since the env was built")
  })

  it('re-runs the health probe only when the env interpreter file changes', async () => {
    const spec = demo()
    await buildEnv(spec, options())
    const envPython = join(spec.envDir, 'bin', 'python3')
    const counter = countingRunner()

    expect((await inspectEnv(spec, options({ run: counter.run }))).status).toBe('ready')
    expect(counter.calls).toEqual([])

    writeFileSync(envPython, fakePythonScript('3.11.0'))
    const broken = await inspectEnv(spec, options({ run: counter.run }))
    expect(broken).toMatchObject({ status: 'broken', statusReason: `${envPython} reports 3.11.0, expected 3.12` })
    expect(counter.calls).toEqual([[envPython, '--version']])

    await inspectEnv(spec, options({ run: counter.run }))
    expect(counter.calls).toHaveLength(1)

    writeFileSync(envPython, fakePythonScript('3.12.4'))
    utimesSync(envPython, new Date(), new Date(Date.now() + 5000))
    expect((await inspectEnv(spec, options({ run: counter.run }))).status).toBe('ready')
    expect(counter.calls).toHaveLength(2)
  })

  it('never calls an env ready without its build record, and a build recovers an interrupted one', async () => {
    const spec = demo()
    await buildEnv(spec, options())
    const metadata = readFileSync(join(spec.envDir, METADATA_FILE), 'utf8')
    // A crash after moving the env aside, with a half-built env at the final path.
    renameSync(spec.envDir, join(root.envs, 'demo', '.python-3.12.previous-dead'))
    mkdirSync(join(spec.envDir, 'bin'), { recursive: true })
    writeFileSync(join(spec.envDir, 'bin', 'python3'), fakePythonScript('3.12.4'), { mode: 0o755 })

    const interrupted = await inspectEnv(spec, options())
    expect(interrupted.status).toBe('broken')
    expect(interrupted.statusReason).toMatch(/no build record .*interrupted/)

    const counter = countingRunner()
    const result = await buildEnv(spec, options({ run: counter.run }))
    expect(result).toMatchObject({ status: 'ready', plan: 'none' })
    expect(result.reason).toMatch(/^restored the previous env from .*\.python-3\.12\.previous-dead/)
    expect(readFileSync(join(spec.envDir, METADATA_FILE), 'utf8')).toBe(metadata)
    expect(counter.calls).toEqual([])
    expect(root.leftovers('demo')).toEqual([])
  })

  it('measures the size on request, without following symlinks', async () => {
    const spec = demo()
    await buildEnv(spec, options())
    writeFileSync(join(spec.envDir, 'blob'), Buffer.alloc(100_000))
    const recorded = (await inspectEnv(spec, options())).sizeBytes ?? 0
    const measured = (await inspectEnv(spec, { ...options(), measureSize: true })).sizeBytes ?? 0
    expect(measured - recorded).toBeGreaterThanOrEqual(100_000)
    expect(measured).toBeLessThan(recorded + 200_000)
  })
})

describe('EnvBuilder', () => {
  it('builds 30 envs, then rescans them with no process and only small reads', async () => {
    const specs = Array.from({ length: 30 }, (_, index) => demo(`pack${index}`))
    const builder = new EnvBuilder({ baselineEnv: BASELINE, logsDir: root.logs, concurrency: 6 })
    const built = await builder.buildAll(specs)
    expect(built.every((result) => result.status === 'ready')).toBe(true)

    const counter = countingRunner()
    const rescanner = new EnvBuilder({ baselineEnv: BASELINE, logsDir: root.logs, run: counter.run })
    const started = performance.now()
    const views = await rescanner.inspectAll(specs)
    const rebuilt = await rescanner.buildAll(specs)
    const elapsed = performance.now() - started
    console.info(`no-op rescan + rebuild of 30 ready envs: ${elapsed.toFixed(0)} ms`)

    expect(views.every((view) => view.status === 'ready')).toBe(true)
    expect(rebuilt.every((result) => result.plan === 'none')).toBe(true)
    expect(counter.calls).toEqual([])
    expect(elapsed).toBeLessThan(2_000)
  })

  it('keeps building the others when one fails', async () => {
    const specs = [demo('a'), demo('b', 'FAIL\n'), demo('c')]
    const builder = new EnvBuilder({ baselineEnv: BASELINE, logsDir: root.logs, concurrency: 3 })
    const lines: string[] = []
    const results = await builder.buildAll(specs, { onProgress: (spec, line) => lines.push(`${spec.packRef}: ${line}`) })

    expect(results.map((result) => result.status)).toEqual(['ready', 'failed', 'ready'])
    expect(results[1]?.error).toMatch(/^Dependency installation failed \(exit 1, stderr_bytes=\d+\)$/)
    expect(results[1]?.logTail).toContain('ERROR: Could not find a version that satisfies the requirement FAIL')
    expect(lines).toContain('b: ERROR: Could not find a version that satisfies the requirement FAIL')
  })

  it('never runs two builds of one env dir at once', async () => {
    const spec = demo()
    const builder = new EnvBuilder({ baselineEnv: BASELINE, logsDir: root.logs })
    const changes: string[] = []
    builder.onDidChangeEnv((change) => changes.push(change.status))
    const counter = countingRunner()
    const shared = new EnvBuilder({ baselineEnv: BASELINE, logsDir: root.logs, run: counter.run })

    const [first, second] = await Promise.all([shared.build(spec), shared.build(spec)])
    expect(first.plan).toBe('fresh')
    expect(second.plan).toBe('none')
    // create, install, health probe: once.
    expect(counter.calls).toHaveLength(3)

    await builder.build(spec, { recreate: true })
    expect(changes).toEqual(['building', 'ready'])
  })

  it('reports building while a build of the dir runs', async () => {
    const spec = demo('slow', 'SLEEP\n')
    const builder = new EnvBuilder({ baselineEnv: BASELINE, logsDir: root.logs })
    const building = builder.build(spec)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect((await builder.inspect(spec)).status).toBe('building')
    builder.dispose()
    const result = await building
    expect(result.error).toBe('Dependency installation cancelled')
    expect(statSync(join(root.envs, 'slow'), { throwIfNoEntry: false })?.isDirectory()).toBe(true)
    expect(existsSync(spec.envDir)).toBe(false)
    rmSync(join(root.envs, 'slow'), { recursive: true })
  })
})
