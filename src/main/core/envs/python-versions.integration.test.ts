import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EnvView } from '../../../shared/domain/env'
import { captureIo, type CapturedIo } from '../../../../test-support/capture-io'
import { action, catalogOptions, dressedPython, writePack } from '../../../../test-support/env-machine'
import { RuntimeMachine } from '../../../../test-support/runtime-machine'
import { runCli } from '../../cli/run-cli'
import { METADATA_FILE } from './env-layout'
import { findVenvPython, writeWheel } from './env-test-kit'

const found = findVenvPython()
if ('skip' in found) console.warn(`skipping the Python 3.11–3.13 env scenario: ${found.skip}`)
const describeVenv = 'skip' in found ? describe.skip : describe
const SLOW = 240_000

type Outcome = EnvView & { action: 'none' | 'built' | 'failed'; logTail: string[] }

/**
 * The "Done when", on a fake machine whose Pythons 3.11, 3.12 and 3.13 are the one real,
 * venv-capable Python of this machine dressed as those versions (see `dressedPython`): real venvs, real
 * pip installing a wheel the test builds, no network, and nothing that depends on which Pythons the
 * machine really has.
 */
describeVenv.sequential('packs add on a machine with Pythons 3.11–3.13 (real venvs, offline pip)', () => {
  const { python } = found as { python: string }
  let machine: RuntimeMachine
  let env: Record<string, string>
  let pack: string
  let wheel: (name: string) => string

  async function cli(...argv: string[]): Promise<CapturedIo & { code: number }> {
    const captured = captureIo(env)
    const code = await runCli(['--home', machine.dataHome, ...argv], captured.io, catalogOptions(machine))
    return { ...captured, code }
  }
  const envDir = (name: string, packRef = 'pydemo'): string => join(machine.dataHome, 'runtime_envs', packRef, name)
  const requirements = (...wheels: string[]): string => `--no-index\n${wheels.map(wheel).join('\n')}\n`
  /** Run the env's own interpreter with a clean environment. */
  const runIn = (interpreter: string, ...args: string[]): string => execFileSync(interpreter, args, { encoding: 'utf8', env: { PATH: env.PATH ?? '' } }).trim()

  beforeAll(() => {
    machine = RuntimeMachine.create()
    const real = realpathSync(python)
    dressedPython(machine, 'bin/python3.11', '3.11.8', real)
    dressedPython(machine, 'bin/python3.12', '3.12.7', real)
    dressedPython(machine, 'bin/python3.13', '3.13.2', real)
    machine.fake.symlink('bin/python3', 'python3.11')
    // No bytecode written next to the real Python's stdlib by venv or pip (an operator passthrough, spec §5.5).
    env = machine.env(['bin'], { ATTUNE__WORKER__PASSTHROUGH_ENV: 'PYTHONDONTWRITEBYTECODE', PYTHONDONTWRITEBYTECODE: '1' })
    writeWheel(real, machine.path('wheels'), 'tinydep', '1.0', 'VALUE = 42\n')
    writeWheel(real, machine.path('wheels'), 'otherdep', '2.0', 'VALUE = "other"\n')
    wheel = (name) => machine.path(`wheels/${name}-py3-none-any.whl`)
    pack = writePack(machine, 'pydemo', { ...action('pydemo', 'hello', 'python'), 'requirements.txt': requirements('tinydep-1.0') })
  })
  afterAll(() => machine?.dispose())

  it(
    'leaves python, python-3.11, python-3.12 and python-3.13 ready, each importing the dependency with its own interpreter',
    async () => {
      const run = await cli('packs', 'add', pack, '--json')
      expect(run.stderr()).toContain('[pydemo core.python 3.13]')
      expect(run.code).toBe(0)
      const { envs } = run.json() as { envs: Outcome[] }

      expect(envs.map((e) => [e.dir, e.status, e.action, e.error])).toEqual([
        [envDir('python'), 'ready', 'built', null],
        [envDir('python-3.13'), 'ready', 'built', null],
        [envDir('python-3.12'), 'ready', 'built', null],
        [envDir('python-3.11'), 'ready', 'built', null]
      ])
      const expected: [string, string, string][] = [
        ['python', 'python3', 'Python 3.11.8'],
        ['python-3.13', 'python3.13', 'Python 3.13.2'],
        ['python-3.12', 'python3.12', 'Python 3.12.7'],
        ['python-3.11', 'python3.11', 'Python 3.11.8']
      ]
      for (const [name, binary, version] of expected) {
        const interpreter = join(envDir(name), 'bin', binary)
        expect(envs.find((e) => e.dir === envDir(name))?.interpreter).toBe(interpreter)
        expect(runIn(interpreter, '--version')).toBe(version)
        expect(runIn(interpreter, '-c', 'import sys, tinydep; print(sys.prefix, tinydep.VALUE)')).toBe(`${envDir(name)} 42`)
        // A real venv made with --copies, not a link to the machine's Python.
        expect(readFileSync(join(envDir(name), 'pyvenv.cfg'), 'utf8')).toContain('include-system-site-packages = false')
        expect(statSync(join(envDir(name), 'bin', 'python')).isFile()).toBe(true)
      }
    },
    SLOW
  )

  it(
    'a second envs setup runs no process and reports every env ready',
    async () => {
      const names = ['python', 'python-3.13', 'python-3.12', 'python-3.11']
      const records = names.map((name) => readFileSync(join(envDir(name), METADATA_FILE), 'utf8'))
      const logs = names.map((name) => statSync(join(machine.dataHome, 'logs', 'envs', 'pydemo', `${name}.log`)).size)
      machine.resetCalls()

      const run = await cli('envs', 'setup', '--json')

      expect(run.code).toBe(0)
      const { envs } = run.json() as { envs: Outcome[] }
      expect(envs.map((e) => [e.status, e.action])).toEqual(Array(4).fill(['ready', 'none']))
      expect(machine.callLog()).toBe('')
      expect(names.map((name) => readFileSync(join(envDir(name), METADATA_FILE), 'utf8'))).toEqual(records)
      expect(names.map((name) => statSync(join(machine.dataHome, 'logs', 'envs', 'pydemo', `${name}.log`)).size)).toEqual(logs)
    },
    SLOW
  )

  it(
    'an edited requirements.txt makes the envs stale, and envs setup rebuilds them',
    async () => {
      writeFileSync(join(pack, 'requirements.txt'), requirements('tinydep-1.0', 'otherdep-2.0'))

      const listed = (await cli('envs', 'list', '--json')).json() as { envs: EnvView[] }
      expect(listed.envs.map((e) => e.status)).toEqual(Array(4).fill('stale'))

      const run = await cli('envs', 'setup', '--json')
      expect(run.code).toBe(0)
      const { envs } = run.json() as { envs: Outcome[] }
      expect(envs.map((e) => [e.status, e.action])).toEqual(Array(4).fill(['ready', 'built']))
      for (const e of envs) expect(runIn(e.interpreter ?? '', '-c', 'import otherdep, tinydep; print(otherdep.VALUE, tinydep.VALUE)')).toBe('other 42')
    },
    SLOW
  )

  it(
    'a venv whose interpreter was deleted is broken, and the next setup repairs it',
    async () => {
      const interpreter = join(envDir('python-3.12'), 'bin', 'python3.12')
      rmSync(interpreter)

      const listed = (await cli('envs', 'list', '--json')).json() as { envs: EnvView[] }
      expect(listed.envs.map((e) => e.status)).toEqual(['ready', 'ready', 'broken', 'ready'])
      expect(listed.envs[2]?.statusReason).toBe(`${interpreter} does not exist`)

      const run = await cli('envs', 'setup', '--json')
      expect(run.code).toBe(0)
      const { envs } = run.json() as { envs: Outcome[] }
      expect(envs.map((e) => [e.status, e.action])).toEqual([
        ['ready', 'none'],
        ['ready', 'none'],
        ['ready', 'built'],
        ['ready', 'none']
      ])
      expect(runIn(interpreter, '-c', 'import otherdep; print(otherdep.VALUE)')).toBe('other')
    },
    SLOW
  )

  it(
    'a failing install keeps the previous envs and reports pip’s output',
    async () => {
      writeFileSync(join(pack, 'requirements.txt'), requirements('tinydep-1.0', 'missing-9.9'))

      const run = await cli('envs', 'setup', '--json')

      expect(run.code).toBe(3)
      const { envs } = run.json() as { envs: Outcome[] }
      expect(envs.map((e) => [e.status, e.action])).toEqual(Array(4).fill(['stale', 'failed']))
      for (const e of envs) {
        expect(e.error).toMatch(/^Dependency installation failed \(exit 1, stderr_bytes=\d+\)$/)
        expect(e.logTail.join('\n')).toContain('missing-9.9-py3-none-any.whl')
        expect(runIn(e.interpreter ?? '', '-c', 'import otherdep; print(otherdep.VALUE)')).toBe('other')
      }

      writeFileSync(join(pack, 'requirements.txt'), requirements('tinydep-1.0', 'otherdep-2.0'))
      const fixed = (await cli('envs', 'setup', '--json')).json() as { envs: Outcome[] }
      expect(fixed.envs.map((e) => [e.status, e.error])).toEqual(Array(4).fill(['ready', null]))
    },
    SLOW
  )

  it(
    'after runtimes disable python 3.13, a new pack gets no python-3.13 env',
    async () => {
      expect((await cli('runtimes', 'disable', 'python', '3.13')).code).toBe(0)
      const second = writePack(machine, 'second', { ...action('second', 'hello', 'python'), 'requirements.txt': requirements('tinydep-1.0') })

      const run = await cli('packs', 'add', second, '--json')

      expect(run.code).toBe(0)
      const { envs } = run.json() as { envs: Outcome[] }
      expect(envs.map((e) => [e.dir, e.status])).toEqual([
        [envDir('python', 'second'), 'ready'],
        [envDir('python-3.12', 'second'), 'ready'],
        [envDir('python-3.11', 'second'), 'ready']
      ])
      expect(existsSync(envDir('python-3.13', 'second'))).toBe(false)
    },
    SLOW
  )
})
