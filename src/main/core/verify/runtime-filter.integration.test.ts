import { existsSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { action, catalogOptions, cheapPython, writePack } from '../../../../test-support/env-machine'
import { RuntimeMachine } from '../../../../test-support/runtime-machine'
import { openWorkbench, type Workbench } from '../workbench'

/**
 * `ATTUNE_WORKER_RUNTIMES` at run time and env setup, not only in verification: a worker registers no
 * runtime its filter leaves out (`service.rs`) and claims none of its envs (`env_setup.rs`).
 */
let machine: RuntimeMachine
let workbench: Workbench | null

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

async function open(filter: string): Promise<Workbench> {
  workbench?.close()
  const pack = writePack(machine, 'mixed', {
    ...action('mixed', 'py', 'python'),
    ...action('mixed', 'sh', 'shell'),
    'actions/sh.sh': 'echo from shell\n',
    'requirements.txt': 'fake==1\n'
  })
  workbench = openWorkbench({ home: machine.dataHome, env: machine.env(['bin'], { ATTUNE_WORKER_RUNTIMES: filter }), ...catalogOptions(machine) })
  await workbench.runtimes.verify()
  if (workbench.packs.list().length === 0) workbench.packs.add(pack)
  return workbench
}

describe('ATTUNE_WORKER_RUNTIMES at run time', () => {
  it('fails a run of an action whose runtime the filter leaves out, naming the filter; others run', async () => {
    const wb = await open('python')
    const run = await wb.executions.run('mixed.sh', {})
    expect(run.status).toBe('failed')
    expect(run.error).toBe(
      'ATTUNE_WORKER_RUNTIMES=python does not include core.shell (its aliases shell, bash, sh), so a worker with this filter does not claim it: its actions do not run here'
    )
    expect(run.stdout).toBe('')

    const other = await open('shell, Bash')
    const shell = await other.executions.run('mixed.sh', {})
    expect(shell.status).toBe('completed')
    expect(shell.stdout).toContain('from shell')
  })

  it('skips the envs of an excluded runtime with that reason and builds nothing for it', async () => {
    const wb = await open('shell')
    const envs = await wb.envs.setup('mixed')
    expect(envs.length).toBeGreaterThan(0)
    for (const env of envs) {
      expect(env.runtime).toBe('core.python')
      expect(env.action).toBe('skipped')
      expect(env.statusReason).toContain('not set up: ATTUNE_WORKER_RUNTIMES=shell does not include core.python')
      expect(existsSync(env.dir)).toBe(false)
    }
    expect((await wb.envs.rebuild('mixed', 'python', null)).action).toBe('skipped')
  })

  it('builds them when the filter names the runtime by an alias', async () => {
    const wb = await open('python3')
    const envs = await wb.envs.setup('mixed')
    expect(envs.map((env) => [env.version, env.action])).toEqual([
      [null, 'built'],
      ['3.12', 'built']
    ])
  })
})
