import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, it, expect } from 'vitest'
import { captureBaselineEnv } from '../commands/baseline-env'
import { buildEnv, type BuildOptions } from './build-env'
import { EnvBuilder } from './env-builder'
import { DEPS_MARKER_FILE, METADATA_FILE } from './env-layout'
import type { EnvSpec } from './env-spec'
import { countingRunner, EnvTestRoot, findVenvPython, pythonConfig, writeWheel } from './env-test-kit'
import { inspectEnv } from './inspect-env'

const found = findVenvPython()
if ('skip' in found) console.warn(`skipping real venv tests: ${found.skip}`)
const describeVenv = 'skip' in found ? describe.skip : describe
const BASELINE = captureBaselineEnv(process.env)

/** Real venvs built with the machine's python3, dependencies installed offline from wheels the test writes. */
describeVenv('python envs with real venvs', () => {
  const { python, version } = found as { python: string; version: string }
  let root: EnvTestRoot
  let wheels: string
  let spec: EnvSpec
  const options = (extra: Partial<BuildOptions> = {}): BuildOptions => ({ baselineEnv: BASELINE, logsDir: root.logs, ...extra })
  const requirements = (...wheelFiles: string[]): string => `--no-index\n${wheelFiles.join('\n')}\n`
  const envPython = (): string => join(spec.envDir, 'bin', 'python3')
  const importFromEnv = (module: string): string =>
    execFileSync(envPython(), ['-c', `import ${module}; print(${module}.VALUE)`], { encoding: 'utf8', env: {} }).trim()

  beforeAll(() => {
    root = EnvTestRoot.create()
    wheels = join(root.root, 'wheels')
    writeWheel(python, wheels, 'tinydep', '1.0', 'VALUE = 42\n')
    writeWheel(python, wheels, 'otherdep', '2.0', 'VALUE = "other"\n')
    root.pack('demo', { 'requirements.txt': requirements(join(wheels, 'tinydep-1.0-py3-none-any.whl')) })
    spec = root.spec({ packRef: 'demo', version, config: pythonConfig(python), expectedInterpreter: python, expectedVersion: version })
  })
  afterAll(() => root.dispose())

  describe.sequential('one env through its life', () => {
    it('builds a missing env: venv, dependencies, marker, build record', async () => {
      expect((await inspectEnv(spec, options())).status).toBe('missing')
      const progress: string[] = []
      const result = await buildEnv(spec, options({ onProgress: (line) => progress.push(line) }))

      expect(result.error).toBeNull()
      expect(result).toMatchObject({ status: 'ready', plan: 'fresh' })
      expect(importFromEnv('tinydep')).toBe('42')
      const manifestSha = execFileSync(python, ['-c', 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest())', join(spec.packDir, 'requirements.txt')], {
        encoding: 'utf8'
      }).trim()
      expect(readFileSync(join(spec.envDir, DEPS_MARKER_FILE), 'utf8')).toBe(manifestSha)
      expect(result.view).toMatchObject({ status: 'ready', interpreter: envPython(), depsHash: manifestSha, error: null, logFile: result.logFile })
      expect(result.view.sizeBytes).toBeGreaterThan(1_000_000)
      expect(progress.some((line) => line.startsWith(`$ ${python} -m venv --copies ${spec.envDir}`))).toBe(true)
      expect(progress).toContain('Successfully installed tinydep-1.0')
      expect(readFileSync(result.logFile ?? '', 'utf8')).toContain(`(cwd ${spec.packDir})`)
      expect(root.leftovers('demo')).toEqual([])
    })

    it('runs nothing when inspected or built again', async () => {
      const { run, calls } = countingRunner()
      const logFile = join(root.logs, 'demo', `python-${version}.log`)
      const logSize = statSync(logFile).size
      const view = await inspectEnv(spec, options({ run }))
      const result = await buildEnv(spec, options({ run }))

      expect(view.status).toBe('ready')
      expect(result).toMatchObject({ status: 'ready', plan: 'none', reason: 'up to date' })
      expect(calls).toEqual([])
      expect(statSync(logFile).size).toBe(logSize)
    })

    it('reports a changed requirements.txt as stale and installs it into the same env', async () => {
      const before = JSON.parse(readFileSync(join(spec.envDir, METADATA_FILE), 'utf8')) as { builtAt: string }
      root.pack('demo', { 'requirements.txt': requirements(join(wheels, 'tinydep-1.0-py3-none-any.whl'), join(wheels, 'otherdep-2.0-py3-none-any.whl')) })

      const stale = await inspectEnv(spec, options())
      expect(stale).toMatchObject({ status: 'stale', statusReason: 'requirements.txt changed since the env was built', plan: 'deps' })

      const { run, calls } = countingRunner()
      const result = await buildEnv(spec, options({ run }))
      expect(result).toMatchObject({ status: 'ready', plan: 'deps', error: null })
      // Incremental: pip and the health probe ran, no new venv.
      expect(calls.map((argv) => argv.slice(1, 3).join(' '))).toEqual(['-m pip', '--version'])
      expect(calls[0]?.[0]).toBe(envPython())
      expect(importFromEnv('otherdep')).toBe('other')
      expect(importFromEnv('tinydep')).toBe('42')
      expect(JSON.parse(readFileSync(join(spec.envDir, METADATA_FILE), 'utf8')).builtAt).not.toBe(before.builtAt)
      expect(root.leftovers('demo')).toEqual([])
    })

    it('keeps the working env when a dependency update fails, and reports pip’s output', async () => {
      const markerBefore = readFileSync(join(spec.envDir, DEPS_MARKER_FILE), 'utf8')
      const metadataBefore = readFileSync(join(spec.envDir, METADATA_FILE), 'utf8')
      const inodeBefore = statSync(envPython()).ino
      root.pack('demo', { 'requirements.txt': requirements(join(wheels, 'missing-9.9-py3-none-any.whl')) })

      const result = await buildEnv(spec, options())

      expect(result.status).toBe('failed')
      expect(result.error).toMatch(/^Dependency installation failed \(exit 1, stderr_bytes=\d+\)$/)
      expect(result.restoredPrevious).toBe(true)
      expect(result.logTail.join('\n')).toMatch(/missing-9\.9-py3-none-any\.whl/)
      expect(readFileSync(join(spec.envDir, DEPS_MARKER_FILE), 'utf8')).toBe(markerBefore)
      expect(readFileSync(join(spec.envDir, METADATA_FILE), 'utf8')).toBe(metadataBefore)
      expect(statSync(envPython()).ino).toBe(inodeBefore)
      expect(importFromEnv('otherdep')).toBe('other')
      expect(root.leftovers('demo')).toEqual([])

      const view = await inspectEnv(spec, options())
      expect(view).toMatchObject({ status: 'stale', error: result.error, logFile: result.logFile })
      expect(view.logTail?.join('\n')).toMatch(/missing-9\.9/)
    })

    it('finds a deleted interpreter broken and repairs it with a new venv', async () => {
      root.pack('demo', { 'requirements.txt': requirements(join(wheels, 'tinydep-1.0-py3-none-any.whl')) })
      rmSync(envPython())

      const broken = await inspectEnv(spec, options())
      expect(broken).toMatchObject({ status: 'broken', statusReason: `${envPython()} does not exist`, plan: 'fresh' })

      const result = await buildEnv(spec, options())
      expect(result).toMatchObject({ status: 'ready', plan: 'fresh', error: null })
      expect(importFromEnv('tinydep')).toBe('42')
      // The failure of the previous test is cleared by the successful build.
      expect(result.view).toMatchObject({ status: 'ready', error: null, logTail: null })
      expect(root.leftovers('demo')).toEqual([])
    })
  })

  it('builds several envs in parallel; one failing leaves the others ready', async () => {
    const wheel = join(wheels, 'tinydep-1.0-py3-none-any.whl')
    const specs = ['p1', 'p2', 'bad'].map((ref) => {
      root.pack(ref, { 'requirements.txt': requirements(ref === 'bad' ? join(wheels, 'nope-1.0-py3-none-any.whl') : wheel) })
      return root.spec({ packRef: ref, config: pythonConfig(python), expectedInterpreter: python, expectedVersion: version })
    })
    const builder = new EnvBuilder({ baselineEnv: BASELINE, logsDir: root.logs, concurrency: 3 })

    const results = await builder.buildAll(specs)

    expect(results.map((result) => result.status)).toEqual(['ready', 'ready', 'failed'])
    expect(results[2]?.error).toMatch(/^Dependency installation failed/)
    // No previous env: as on a worker (process.rs setup_pack_environment_in_place), the venv created
    // before pip failed is kept, without a deps marker, and the failure is the status.
    expect(existsSync(join(specs[2]?.envDir ?? '', 'bin', 'python3'))).toBe(true)
    expect(existsSync(join(specs[2]?.envDir ?? '', DEPS_MARKER_FILE))).toBe(false)
    expect((await builder.inspect(specs[2] as EnvSpec)).status).toBe('failed')
    // Building it again from the same manifest runs nothing and repeats the failure's output.
    const again = await builder.build(specs[2] as EnvSpec)
    expect(again).toMatchObject({ status: 'failed', plan: 'none', error: results[2]?.error })
    expect(again.logTail).toEqual(results[2]?.logTail)
    expect(readFileSync(join(root.envs, 'p1', 'python', DEPS_MARKER_FILE), 'utf8')).toMatch(/^[0-9a-f]{64}$/)

    // Fixing the manifest clears the failure.
    writeFileSync(join(specs[2]?.packDir ?? '', 'requirements.txt'), requirements(wheel))
    expect((await builder.build(specs[2] as EnvSpec)).view).toMatchObject({ status: 'ready', error: null })
  })
})
