import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { action, catalogOptions, cheapPython, writePack } from '../../../../test-support/env-machine'
import { RuntimeMachine } from '../../../../test-support/runtime-machine'
import { openWorkbench, type Workbench } from '../workbench'

/**
 * Issue 9 finding 12: a pack runtime named "Python" (`mypack.mypy`) and `core.python` would both build
 * `runtime_envs/mypack/python` (spec §4.1: the runtime's name, lower-cased, as the worker names it), each
 * setup destroying the other's env. The clash is a pack problem and neither env is built.
 */
let machine: RuntimeMachine
let workbench: Workbench | null

/** A pack runtime named like the catalog's Python, with its own venv-making config. */
const MYPY = `ref: mypack.mypy
name: Python
aliases: [mypy]
execution_config:
  interpreter:
    binary: python3
    file_extension: .py
  environment:
    env_type: virtualenv
    create_command: [python3, "-m", venv, "{env_dir}"]
    interpreter_path: "{env_dir}/bin/python3"
`

beforeEach(() => {
  machine = RuntimeMachine.create()
  cheapPython(machine, 'bin/python3.12', '3.12.4')
  machine.fake.symlink('bin/python3', 'python3.12')
  workbench = null
})
afterEach(() => {
  workbench?.close()
  machine.dispose()
})

async function open(): Promise<Workbench> {
  workbench = openWorkbench({ home: machine.dataHome, env: machine.env(['bin']), ...catalogOptions(machine, { examplePacksDir: null }) })
  await workbench.runtimes.verify()
  return workbench
}

describe('two runtimes of a pack whose env folders would be the same', () => {
  it('are reported as a pack problem at the runtime file\'s name, and neither env is built or run', async () => {
    const dir = writePack(machine, 'mypack', {
      'runtimes/mypy.yaml': MYPY,
      ...action('mypack', 'mine', 'mypack.mypy'),
      ...action('mypack', 'core', 'python'),
      'requirements.txt': 'fake==1\n'
    })
    const wb = await open()
    const pack = wb.packs.add(dir)
    const problem = pack.problems.find((candidate) => candidate.message.includes('would share'))
    expect(problem).toMatchObject({ file: join(dir, 'runtimes', 'mypy.yaml'), field: 'name', severity: 'error' })
    expect(problem?.message).toMatch(/^runtimes '.*' \(name 'Python'\) and '.*' \(name 'Python'\) would share the env folder runtime_envs\/mypack\/python /)

    const envs = await wb.envs.setup('mypack')
    expect(envs.map((env) => env.runtime)).not.toContain('mypack.mypy')
    expect(envs.map((env) => env.runtime)).not.toContain('core.python')
    const root = join(machine.dataHome, 'runtime_envs', 'mypack')
    expect(existsSync(root) ? readdirSync(root).filter((name) => !name.startsWith('.')) : []).toEqual([])

    for (const ref of ['mypack.mine', 'mypack.core']) {
      const run = await wb.executions.run(ref, {})
      expect(run.status).toBe('failed')
      expect(run.error).toContain('would share the env folder runtime_envs/mypack/python')
    }
    await expect(wb.envs.rebuild('mypack', 'python', null)).rejects.toThrow(/would share the env folder runtime_envs\/mypack\/python/)
    await expect(wb.envs.rebuild('mypack', 'mypack.mypy', null)).rejects.toThrow(/would share/)
    expect(existsSync(join(root, 'python'))).toBe(false)
  })

  it('leave a pack whose runtime names differ alone', async () => {
    const dir = writePack(machine, 'mypack', {
      'runtimes/mypy.yaml': MYPY.replace('name: Python', 'name: MyPy'),
      ...action('mypack', 'mine', 'mypy'),
      ...action('mypack', 'core', 'python')
    })
    const wb = await open()
    expect(wb.packs.add(dir).problems).toEqual([])
    const envs = await wb.envs.setup('mypack')
    expect(envs.map((env) => env.dir.split('/').pop())).toEqual(expect.arrayContaining(['mypy', 'python', 'python-3.12']))
  })
})
