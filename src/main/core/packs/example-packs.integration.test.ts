import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import type { ActionDefinition } from '../../../shared/domain/pack'
import { readRuntimeDirSync } from '../catalog/catalog-loader'
import { runCommand, type CommandResult } from '../commands/run-command'
import { createTempDir } from '../store/test-support/temp-dir'
import { loadPackSync, type PackDefinition } from './pack-loader'
import { createRunnerResolver } from './runner-type'

const packsDir = fileURLToPath(new URL('../../../../resources/packs', import.meta.url))
const catalog = readRuntimeDirSync(fileURLToPath(new URL('../../../../resources/runtimes', import.meta.url)))
const runners = createRunnerResolver(catalog.definitions)

function load(name: string): PackDefinition {
  const loaded = loadPackSync(join(packsDir, name), runners)
  if ('error' in loaded) throw new Error(`${name}: ${loaded.error.message}`)
  return loaded
}

function action(pack: PackDefinition, name: string): ActionDefinition & { entryPath: string } {
  const found = pack.actions.find((a) => a.name === name)
  if (!found?.entryPath) throw new Error(`${pack.ref}.${name} has no entry path`)
  return { ...found, entryPath: found.entryPath }
}

describe('the example packs (resources/packs) load with zero problems', () => {
  it('the runtime catalog they resolve against loads cleanly', () => {
    expect(catalog.problems).toEqual([])
  })

  it.each([
    ['python_example', [['hello', 'core.python', null], ['uses_dependency', 'core.python', null], ['version_info', 'core.python', '>=3.12']]],
    ['nodejs_example', [['hello', 'core.nodejs', null], ['uses_dependency', 'core.nodejs', '>=18']]],
    ['shell_example', [['fails', 'core.shell', null], ['hello', 'core.shell', null]]]
  ])('%s', (name, actions) => {
    const pack = load(name)
    expect(pack.problems).toEqual([])
    expect(pack).toMatchObject({ ref: name, version: '1.0.0', runtimes: [] })
    expect(pack.actions.map((a) => [a.name, a.runtimeRef, a.runtimeVersion])).toEqual(actions)
    for (const a of pack.actions) expect(a.entryPath && existsSync(a.entryPath)).toBe(true)
  })

  it('python_example.hello: parameter name with a default, JSON output', () => {
    expect(action(load('python_example'), 'hello')).toMatchObject({ parameters: { name: { type: 'string', default: 'Python' } }, outputFormat: 'json' })
  })
})

// The worker's setup environment (spec §4.5): cleared, PATH kept, HOME and caches inside the env dir.
function setupEnv(envDir: string): Record<string, string> & { readonly PATH: string } {
  const home = join(envDir, '.attune-setup')
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    PIP_CACHE_DIR: join(home, 'cache', 'pip'),
    PIP_CONFIG_FILE: '/dev/null'
  }
}

function has(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0
}

function json(result: CommandResult): unknown {
  expect(result.stderr).toBe('')
  expect(result.exitCode).toBe(0)
  return JSON.parse(result.stdout)
}

const temp = createTempDir('attune-example-envs-')
afterAll(() => temp.dispose())

// Real interpreters and package managers, no network: the dependencies must install from the pack itself.
describe('the example packs run offline, set up as a worker would', () => {
  it.skipIf(!has('python3'))('python_example: a venv, requirements.txt from the vendored wheel, lib/ on PYTHONPATH', async () => {
    const pack = load('python_example')
    const python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).stdout.trim()
    const envDir = temp.path('python_example', 'python')
    const env = setupEnv(envDir)
    const options = { env, cwd: pack.dir, timeoutMs: 120_000 }
    expect((await runCommand(python, ['-m', 'venv', '--copies', envDir], options)).exitCode).toBe(0)
    const interpreter = join(envDir, 'bin', 'python3')
    const install = await runCommand(interpreter, ['-m', 'pip', 'install', '-r', join(pack.dir, 'requirements.txt')], options)
    expect(install.stdout + install.stderr).toContain('Successfully installed attune-greeting-1.0.0')
    expect(install.exitCode).toBe(0)

    const run = (name: string, stdin: string): Promise<CommandResult> =>
      runCommand(interpreter, ['-u', action(pack, name).entryPath], { env: { PATH: env.PATH, PYTHONPATH: join(pack.dir, 'lib'), PYTHONDONTWRITEBYTECODE: '1' }, cwd: pack.dir, timeoutMs: 30_000, stdin })
    expect(json(await run('hello', '{"name":"Ada"}\n'))).toEqual({ message: 'Hello, Ada' })
    expect(json(await run('hello', '{}\n'))).toEqual({ message: 'Hello, Python' })
    expect(json(await run('uses_dependency', '{"name":"Ada"}\n'))).toEqual({
      message: 'Hello, Ada, from attune_greeting 1.0.0',
      module_file: expect.stringContaining(join(envDir, 'lib'))
    })
    expect(json(await run('version_info', '{}\n'))).toMatchObject({ version: expect.any(String), executable: interpreter, in_virtualenv: true, pythonpath_has_lib: true })
  })

  it.skipIf(!has('npm'))('nodejs_example: package.json copied to the env dir, npm install --prefix, NODE_PATH', async () => {
    const pack = load('nodejs_example')
    const envDir = temp.path('nodejs_example', 'node.js')
    const env = setupEnv(envDir)
    // The catalog's create_command: mkdir -p {env_dir} && cp {manifest_path} {env_dir}/
    mkdirSync(envDir, { recursive: true })
    copyFileSync(join(pack.dir, 'package.json'), join(envDir, 'package.json'))
    const install = await runCommand('npm', ['install', '--prefix', envDir], { env, cwd: pack.dir, timeoutMs: 120_000 })
    expect(install.stderr).not.toMatch(/npm error/)
    expect(install.exitCode).toBe(0)
    expect(existsSync(join(envDir, 'node_modules', 'attune-greeting', 'index.js'))).toBe(true)
    expect(existsSync(join(pack.dir, 'node_modules'))).toBe(false)

    const run = (name: string, stdin: string): Promise<CommandResult> =>
      runCommand(process.execPath, [action(pack, name).entryPath], { env: { PATH: env.PATH, NODE_PATH: join(envDir, 'node_modules') }, cwd: pack.dir, timeoutMs: 30_000, stdin })
    expect(json(await run('hello', '{"name":"Ada"}\n'))).toEqual({ message: 'Hello, Ada' })
    expect(json(await run('uses_dependency', '{}\n'))).toEqual({
      message: 'Hello, workbench, from attune-greeting 1.0.0',
      module_file: join(envDir, 'node_modules', 'attune-greeting', 'index.js'),
      node_version: process.version
    })
  })

  it.skipIf(!existsSync('/bin/bash'))('shell_example: dotenv parameters on stdin; fails exits non-zero with its reason on stderr', async () => {
    const pack = load('shell_example')
    const run = (name: string, stdin: string): Promise<CommandResult> =>
      runCommand('/bin/bash', [action(pack, name).entryPath], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, cwd: pack.dir, timeoutMs: 10_000, stdin })
    const hello = await run('hello', "greeting='Howdy'\nname='O'\\''Brien'\ntimes='2'\n")
    expect(hello).toMatchObject({ exitCode: 0, stdout: "Howdy, O'Brien!\nHowdy, O'Brien!\n", stderr: '' })
    expect(await run('hello', '\n')).toMatchObject({ exitCode: 0, stdout: 'Hello, shell!\n' })
    expect(await run('fails', "exit_code='7'\nreason='on purpose'\n")).toMatchObject({ exitCode: 7, stdout: 'about to fail with exit code 7\n', stderr: 'on purpose\n' })
    expect(await run('fails', '\n')).toMatchObject({ exitCode: 3, stderr: 'this action always fails\n' })
  })
})
