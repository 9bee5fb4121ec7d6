import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { pidAlive, waitFor } from '../../../../test-support/exec-machine'
import { executionsDir, forgetWorkbench, logOf, open, pidsOf, useDemoMachine } from './execution-test-kit'

/**
 * The executor's concurrency, timeouts and closing on a fake machine with the test catalog: real SQLite in
 * a temp data home, real action process trees, killed as the worker would.
 */
useDemoMachine()

describe('concurrent runs', () => {
  it('runs 20 at once, records them all and keeps every log complete', async () => {
    const wb = await open()
    const started = Array.from({ length: 20 }, (_, i) => wb.executions.start('demo.echo', { name: `run${i}`, lines: 200 }))
    const runs = await Promise.all(started.map((run) => wb.executions.wait(run.id)))

    expect(new Set(runs.map((run) => run.id)).size).toBe(20)
    for (const [i, run] of runs.entries()) {
      expect(run.status).toBe('completed')
      const lines = logOf(run.id, 'stdout').split('\n').filter(Boolean)
      expect(lines).toHaveLength(200)
      expect(lines[0]).toBe(`line 0 of run${i}`)
      expect(lines[199]).toBe(`line 199 of run${i}`)
      expect(logOf(run.id, 'stderr')).toBe(`done run${i}\n`)
    }
    expect(wb.executions.list({ action: 'demo.echo', status: 'completed', limit: 100 })).toHaveLength(20)
  })

  it('keeps runs beyond maxConcurrentRuns waiting as requested, then runs them all', async () => {
    const wb = await open({ maxConcurrentRuns: 2 })
    const running = new Set<number>()
    let most = 0
    wb.events.on('execution.updated', ({ id, status }) => {
      if (status === 'running') running.add(id)
      else running.delete(id)
      most = Math.max(most, running.size)
    })
    const started = Array.from({ length: 5 }, () => wb.executions.start('demo.sleepy', {}))
    await waitFor('two running runs', () => running.size === 2)
    expect(wb.executions.list({ status: 'requested' }).map((run) => run.id).sort()).toEqual(started.slice(2).map((run) => run.id).sort())
    // Let them go one by one: each cancel frees a slot for the next.
    for (const run of started) {
      await waitFor(`run ${run.id} running`, () => wb.executions.get(run.id, false).status === 'running')
      wb.executions.cancel(run.id)
      await wb.executions.wait(run.id)
    }
    expect(most).toBe(2)
    expect(wb.executions.list().map((run) => run.status)).toEqual(Array(5).fill('cancelled'))
  })

  it('cancels a queued run without starting it', async () => {
    const wb = await open({ maxConcurrentRuns: 1 })
    const first = wb.executions.start('demo.sleepy', {})
    const queued = wb.executions.start('demo.echo', {})
    await pidsOf(first.id)
    expect(wb.executions.get(queued.id).status).toBe('requested')

    expect(wb.executions.cancel(queued.id)).toBe(true)
    const cancelled = await wb.executions.wait(queued.id)
    expect(cancelled).toMatchObject({ status: 'cancelled', error: 'Execution cancelled by user', startedAt: null, stdout: '' })
    expect(wb.executions.get(first.id).status).toBe('running')

    wb.executions.cancel(first.id)
    expect((await wb.executions.wait(first.id)).status).toBe('cancelled')
    // The slot is free again.
    expect((await wb.executions.run('demo.echo', {})).status).toBe('completed')
    expect(wb.executions.cancel(first.id)).toBe(false)
  })

  it('cancels a running run and its process tree', async () => {
    const wb = await open()
    const started = wb.executions.start('demo.sleepy', {})
    const { pid, child } = await pidsOf(started.id)
    expect(pidAlive(pid) && pidAlive(child)).toBe(true)

    wb.executions.cancel(started.id)
    const run = await wb.executions.wait(started.id)

    expect(run).toMatchObject({ status: 'cancelled', error: 'Execution cancelled by user', result: null })
    expect(run.stdout).toContain(`child ${child}`)
    await waitFor('the cancelled processes to be gone', () => !pidAlive(pid) && !pidAlive(child), 3_000)
  })
})

describe('timeouts', () => {
  it('ends a run after --timeout seconds: status timeout, exit -1, no process left', async () => {
    const wb = await open()
    const begin = Date.now()
    const started = wb.executions.start('demo.sleepy', {}, { timeoutSeconds: 1 })
    const { pid, child } = await pidsOf(started.id)
    const run = await wb.executions.wait(started.id)

    expect(run).toMatchObject({ status: 'timeout', exitCode: -1, result: null })
    expect(run.error).toContain('timed out after 1 seconds')
    expect(Date.now() - begin).toBeLessThan(5_000)
    await waitFor('the timed-out processes to be gone', () => !pidAlive(pid) && !pidAlive(child), 3_000)
  })

  it('kills a child that ignores SIGTERM after killGraceMs, not the default 10 s', async () => {
    const wb = await open({ killGraceMs: 300 })
    const begin = Date.now()
    const started = wb.executions.start('demo.stubborn', {}, { timeoutSeconds: 1 })
    const { child } = await pidsOf(started.id)
    const run = await wb.executions.wait(started.id)
    expect(run.status).toBe('timeout')
    expect(Date.now() - begin).toBeLessThan(5_000)
    await waitFor('the TERM-ignoring child to be gone', () => !pidAlive(child), 3_000)
  })
})

describe('closing the engine', () => {
  it('cancels its running and queued runs, kills their processes and records why', async () => {
    const wb = await open({ maxConcurrentRuns: 1 })
    const running = wb.executions.start('demo.sleepy', {})
    const queued = wb.executions.start('demo.echo', {})
    const { pid, child } = await pidsOf(running.id)

    wb.close()
    forgetWorkbench()

    await waitFor('the processes of the closed engine to be gone', () => !pidAlive(pid) && !pidAlive(child), 3_000)
    // Give the abandoned promise chains a moment: nothing may write to the closed database or reject unhandled.
    await new Promise((resolve) => setTimeout(resolve, 300))
    const reopened = await open()
    for (const id of [running.id, queued.id]) {
      expect(reopened.executions.get(id)).toMatchObject({ status: 'cancelled', error: 'Execution cancelled: the workbench closed while it was in progress' })
      expect(JSON.parse(readFileSync(executionsDir(String(id), 'status.json'), 'utf8'))).toMatchObject({ status: 'cancelled' })
    }
  })
})
