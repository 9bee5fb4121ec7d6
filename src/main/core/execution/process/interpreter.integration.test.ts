import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, it, expect } from 'vitest'
import type { RuntimeExecutionConfig } from '../../../../shared/domain/execution-config'
import { resolveInterpreter, type InterpreterInputs } from './interpreter'
import { runProcess } from './runtime'
import { findPython, ProcessTestRoot } from './test-kit'

const root = ProcessTestRoot.create()
afterAll(() => root.dispose())
const python = findPython()
if ('skip' in python) console.warn(`python fallback scenario skipped: ${python.skip}`)

/** A fake interpreter: a `#!/bin/sh` script written fresh inside the temp root (never through a link). */
function fakeInterpreter(relative: string, body = 'echo "fake interpreter: $*"'): string {
  const path = join(root.root, relative)
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, `#!/bin/sh\n${body}\n`, { flag: 'wx' })
  chmodSync(path, 0o755)
  return path
}

const venvConfig = (binary: string): RuntimeExecutionConfig => ({
  interpreter: { binary, args: [] },
  environment: { env_type: 'virtualenv', create_command: [binary, '-m', 'venv', '{env_dir}'], interpreter_path: '{env_dir}/bin/python3' }
})

const packDir = root.pack('interp')
const inputs = (overrides: Partial<InterpreterInputs>): InterpreterInputs => ({
  actionRef: 'interp.run',
  packDir,
  versionConfig: null,
  versionEnvDir: null,
  baseConfig: { interpreter: { binary: 'fakepy' } },
  baseEnvDir: join(root.envs, 'interp', 'python'),
  baselinePath: join(root.root, 'bin'),
  ...overrides
})

describe('resolveInterpreter (spec §5.3)', () => {
  const onPath = fakeInterpreter('bin/fakepy')
  const envPython = fakeInterpreter('runtime_envs/interp/python-env/bin/python3')

  it('looks a bare name up on the baseline PATH, not on this process PATH', async () => {
    const found = await resolveInterpreter(inputs({}))
    expect(found).toMatchObject({ ok: true, value: { interpreter: onPath, fallback: null } })
    const missing = await resolveInterpreter(inputs({ baselinePath: '/nonexistent' }))
    expect(missing).toEqual({ ok: false, error: "Interpreter 'fakepy' is not available for action 'interp.run' on this worker", warnings: [] })
  })

  it('requires an absolute interpreter to exist', async () => {
    const result = await resolveInterpreter(inputs({ baseConfig: { interpreter: { binary: join(root.root, 'nope/python') } } }))
    expect(result.ok).toBe(false)
  })

  it('uses the env interpreter when the env dir and its interpreter exist', async () => {
    const envDir = join(root.envs, 'interp', 'python-env')
    const result = await resolveInterpreter(inputs({ baseConfig: venvConfig('fakepy'), baseEnvDir: envDir }))
    expect(result).toMatchObject({ ok: true, value: { interpreter: envPython, envInterpreterExists: true, envDir } })
  })

  it('calls prepareEnv for a missing env dir, then uses what it built', async () => {
    const envDir = join(root.envs, 'interp', 'lazy')
    const calls: string[] = []
    const result = await resolveInterpreter(
      inputs({
        baseConfig: venvConfig('fakepy'),
        baseEnvDir: envDir,
        prepareEnv: async (_config, dir) => {
          calls.push(dir)
          mkdirSync(join(dir, 'bin'), { recursive: true })
          writeFileSync(join(dir, 'bin', 'python3'), '#!/bin/sh\n', { mode: 0o755, flag: 'wx' })
        }
      })
    )
    expect(calls).toEqual([envDir])
    expect(result).toMatchObject({ ok: true, value: { interpreter: join(envDir, 'bin', 'python3') } })
  })

  it('calls prepareEnv when the env interpreter is a dangling symlink, and continues with the binary when it fails', async () => {
    const envDir = join(root.envs, 'interp', 'dangling')
    mkdirSync(join(envDir, 'bin'), { recursive: true })
    symlinkSync(join(root.root, 'no-such-python'), join(envDir, 'bin', 'python3'))
    const calls: string[] = []
    const result = await resolveInterpreter(
      inputs({
        baseConfig: venvConfig('fakepy'),
        baseEnvDir: envDir,
        prepareEnv: async (_config, dir) => {
          calls.push(dir)
          throw new Error('venv creation failed')
        }
      })
    )
    expect(calls).toEqual([envDir])
    expect(result).toMatchObject({ ok: true, value: { interpreter: onPath, envInterpreterExists: false } })
    expect(result.warnings).toEqual([expect.stringContaining('environment setup for')])
    expect(result.warnings[0]).toContain('venv creation failed')
  })

  it('does not call prepareEnv for a config without environment or for a healthy env', async () => {
    let calls = 0
    const prepareEnv = async (): Promise<void> => {
      calls++
    }
    await resolveInterpreter(inputs({ prepareEnv }))
    await resolveInterpreter(inputs({ baseConfig: { ...venvConfig('fakepy'), environment: { env_type: 'none' } }, prepareEnv }))
    await resolveInterpreter(inputs({ baseConfig: venvConfig('fakepy'), baseEnvDir: join(root.envs, 'interp', 'python-env'), prepareEnv }))
    expect(calls).toBe(0)
  })

  // process.rs `ProcessRuntime::execute` (newest worker): on fallback `env_dir = base_env_dir`, where
  // `base_env_dir` was made from the version's `runtime_env_dir_suffix`: the base config runs in the version's dir.
  it('falls back from an unavailable version to the base config in the VERSION env dir (process.rs execute)', async () => {
    const baseEnvDir = join(root.envs, 'interp', 'python')
    const versionEnvDir = join(root.envs, 'interp', 'python-env')
    const prepared: string[] = []
    const result = await resolveInterpreter(
      inputs({
        versionConfig: { interpreter: { binary: '__missing_python3_13__' } },
        versionEnvDir,
        baseConfig: venvConfig('fakepy'),
        baseEnvDir,
        prepareEnv: async (_config, dir) => {
          prepared.push(dir)
        }
      })
    )
    expect(prepared).toEqual([])
    expect(result).toMatchObject({ ok: true, value: { envDir: versionEnvDir, interpreter: envPython } })
    expect(result.ok && result.value.envDir).not.toBe(baseEnvDir)
    expect(result.ok && result.value.fallback).toContain("interpreter '__missing_python3_13__' of the selected version is not available")
  })

  // process.rs `ProcessRuntime::execute`: the dir comes from `runtime_env_dir_suffix`, with or without an
  // `environment`; only `{env_dir}` depends on it (`env_dir_opt`).
  it('gives a version config without its own environment the version env dir', async () => {
    const versionEnvDir = join(root.envs, 'interp', 'python-3.12')
    const result = await resolveInterpreter(inputs({ versionConfig: { interpreter: { binary: 'fakepy' } }, versionEnvDir }))
    expect(result).toMatchObject({ ok: true, value: { envDir: versionEnvDir, interpreter: onPath, fallback: null } })
  })

  it('fails when neither the version nor the base interpreter is available', async () => {
    const result = await resolveInterpreter(
      inputs({ versionConfig: { interpreter: { binary: '__missing_a__' } }, versionEnvDir: null, baseConfig: { interpreter: { binary: '__missing_b__' } } })
    )
    expect(result).toMatchObject({ ok: false, error: "Interpreter '__missing_b__' is not available for action 'interp.run' on this worker" })
  })

  it('treats an empty binary as a native action', async () => {
    expect(await resolveInterpreter(inputs({ baseConfig: {} }))).toMatchObject({ ok: true, value: { interpreter: null } })
  })
})

describe.skipIf('skip' in python)('runProcess: scenario 25, fallback from a missing version interpreter', () => {
  it('runs with the base python3, exit 0, and records the fallback', async () => {
    const py = 'python' in python ? python.python : ''
    root.pack('fallback', { 'actions/hello.py': 'import sys\nprint("ran", sys.version_info[0])\n' })
    const result = await runProcess(
      root.request('fallback', 'hello.py', {
        runtimeName: 'python',
        versionConfig: {
          interpreter: { binary: '__missing_python3_13__', args: ['-u'] },
          environment: { env_type: 'virtualenv', create_command: ['__missing_python3_13__', '-m', 'venv', '{env_dir}'], interpreter_path: '{env_dir}/bin/python3' }
        },
        versionEnvDir: join(root.envs, 'fallback', 'python-3.13'),
        baseConfig: { interpreter: { binary: py, args: ['-u'] } },
        baseEnvDir: join(root.envs, 'fallback', 'python'),
        prepareEnv: async () => {
          throw new Error('python3.13 is not installed')
        }
      })
    )
    expect(result).toMatchObject({ exitCode: 0, stdout: 'ran 3\n', interpreter: py, configUsed: 'base', envDir: join(root.envs, 'fallback', 'python-3.13') })
    expect(result.fallback).toContain('__missing_python3_13__')
    expect(result.warnings.join('\n')).toContain('python3.13 is not installed')
  })

  it('reports a setup failure when no interpreter is available at all', async () => {
    root.pack('noint', { 'actions/a.py': 'print(1)\n' })
    const result = await runProcess(
      root.request('noint', 'a.py', { runtimeName: 'python', baseConfig: { interpreter: { binary: '__missing_python__' } } })
    )
    expect(result).toMatchObject({ exitCode: -1, startFailure: 'setup', error: "Interpreter '__missing_python__' is not available for action 'noint.a' on this worker" })
  })
})
