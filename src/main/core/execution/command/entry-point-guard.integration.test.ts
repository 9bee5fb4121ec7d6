import { existsSync, renameSync, symlinkSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { linkTools, writePack } from '../../../../../test-support/env-machine'
import { RuntimeMachine } from '../../../../../test-support/runtime-machine'
import { WorkbenchError } from '../../errors'
import { openWorkbench, type Workbench } from '../../workbench'

/**
 * Issue 9 finding 6: an entry point reported as an error never runs, and the path is checked again on
 * the disk as it is when the run starts. Real packs on disk, the test catalog's core.shell (`/bin/sh FILE`).
 */
let machine: RuntimeMachine
let workbench: Workbench | null

beforeEach(() => {
  machine = RuntimeMachine.create()
  workbench = null
  linkTools(machine, ['cat', 'touch'])
})
afterEach(() => {
  workbench?.close()
  machine.dispose()
})

async function open(files: Readonly<Record<string, string>>, maxConcurrentRuns?: number): Promise<Workbench> {
  writePack(machine, 'demo', files)
  workbench = openWorkbench({ home: machine.dataHome, env: machine.env(['bin']), ...machine.workbenchOptions({ examplePacksDir: null, killGraceMs: 200, maxConcurrentRuns }) })
  await workbench.lifecycle.register(machine.path('packs/demo'))
  return workbench
}

function refusal(fn: () => unknown): WorkbenchError {
  try {
    fn()
  } catch (error) {
    if (error instanceof WorkbenchError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('an action whose entry point has an error', () => {
  it('is refused by run and matrix with the loader\'s message, and nothing runs or is recorded', async () => {
    const marker = machine.path('pwned')
    const wb = await open({
      'actions/escape.yaml': 'ref: demo.escape\nrunner_type: shell\nentry_point: ../../../../../../../../etc/passwd\n',
      'actions/text.yaml': `ref: demo.text\nrunner_type: shell\nentry_point: touch ${marker}\n`,
      'actions/absolute.yaml': 'ref: demo.absolute\nrunner_type: shell\nentry_point: /etc/passwd\n'
    })
    const problems = wb.packs.get('demo').problems.map((problem) => problem.message)
    expect(problems.some((message) => message.includes('leaves the actions/ folder'))).toBe(true)

    const escape = refusal(() => wb.executions.start('demo.escape', {}))
    expect(escape.kind).toBe('bad-input')
    expect(escape.message).toMatch(/^action 'demo\.escape' cannot run: entry_point '.*etc\/passwd' leaves the actions\/ folder.*escape\.yaml\)$/)
    const text = refusal(() => wb.executions.start('demo.text', {}))
    expect(text.message).toContain('the workbench runs only script files')
    expect(refusal(() => wb.executions.start('demo.absolute', {})).message).toContain('is an absolute path')
    expect(refusal(() => wb.matrix.start('demo.escape', {})).message).toContain('leaves the actions/ folder')
    expect(wb.executions.list()).toEqual([])
    expect(existsSync(marker)).toBe(false)
  })

  it('refuses a symlink swapped in after registration that leads out of the pack', async () => {
    const outside = machine.path('outside.sh')
    const marker = machine.path('pwned')
    writeFileSync(outside, `touch '${marker}'\n`)
    const wb = await open({ 'actions/ok.yaml': 'ref: demo.ok\nrunner_type: shell\nentry_point: ok.sh\n', 'actions/ok.sh': 'echo fine\n' })
    expect((await wb.executions.run('demo.ok', {})).status).toBe('completed')

    const script = machine.path('packs/demo/actions/ok.sh')
    renameSync(script, `${script}.old`)
    symlinkSync(outside, script)
    const refused = refusal(() => wb.executions.start('demo.ok', {}))
    expect(refused.message).toMatch(/^action 'demo\.ok' cannot run: entry_point 'ok\.sh' is a symbolic link to .*outside\.sh, outside the pack folder/)
    expect(existsSync(marker)).toBe(false)
  })

  it('checks the path again when a queued run starts, and fails the run with the reason', async () => {
    const outside = machine.path('outside.sh')
    const marker = machine.path('pwned')
    writeFileSync(outside, `touch '${marker}'\n`)
    const wb = await open(
      {
        'actions/ok.yaml': 'ref: demo.ok\nrunner_type: shell\nentry_point: ok.sh\n',
        'actions/ok.sh': 'echo fine\n',
        'actions/wait.yaml': 'ref: demo.wait\nrunner_type: shell\nentry_point: wait.sh\n',
        'actions/wait.sh': 'cat >/dev/null; read line </dev/null; while [ ! -e "$0.go" ]; do :; done\n'
      },
      1
    )
    const blocker = wb.executions.start('demo.wait', {})
    const queued = wb.executions.start('demo.ok', {})
    expect(queued.status).toBe('requested')
    const script = machine.path('packs/demo/actions/ok.sh')
    renameSync(script, `${script}.old`)
    symlinkSync(outside, script)
    writeFileSync(machine.path('packs/demo/actions/wait.sh.go'), '')
    expect((await wb.executions.wait(blocker.id)).status).toBe('completed')
    const run = await wb.executions.wait(queued.id)
    expect(run).toMatchObject({ status: 'failed', exitCode: null })
    expect(run.error).toMatch(/^action 'demo\.ok' cannot run: entry_point 'ok\.sh' is a symbolic link to .*outside the pack folder/)
    expect(existsSync(marker)).toBe(false)
  })
})
