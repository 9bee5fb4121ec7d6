import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ExecutionView } from '../../../shared/domain/execution'
import { WorkbenchError } from '../errors'
import { executionsDir, forgetWorkbench, logOf, open, SECRET, useDemoMachine } from './execution-test-kit'

/**
 * The executor on a fake machine with the test catalog (core.shell runs `/bin/sh FILE`): one-off runs,
 * secret parameters and reruns; real SQLite in a temp data home, real action processes, their logs on disk.
 * Concurrency, timeouts and closing: execution-concurrency.integration.test.ts.
 */
useDemoMachine()


describe('a one-off run', () => {
  it('records the run, runs it on the base shell config and keeps its output in log files', async () => {
    const wb = await open()
    const statuses: string[] = []
    const chunks: string[] = []
    wb.events.on('execution.updated', (event) => statuses.push(event.status))
    wb.events.on('log.chunk', (chunk) => chunks.push(`${chunk.stream}:${chunk.text}`))

    const started = wb.executions.start('demo.echo', { name: 'Ada', lines: 2 })
    expect(started).toMatchObject({ action: 'demo.echo', pack: 'demo', status: 'requested', runtime: 'core.shell', parameters: { name: 'Ada', lines: 2 } })
    const run = await wb.executions.wait(started.id)

    expect(run).toMatchObject({
      status: 'completed',
      exitCode: 0,
      runtime: 'core.shell',
      constraint: null,
      selectedVersion: null,
      fallback: null,
      interpreter: '/bin/sh',
      envDir: null,
      result: null,
      stdout: 'line 0 of Ada\nline 1 of Ada\n',
      stderr: 'done Ada\n',
      stdoutTruncated: false,
      stderrTruncated: false,
      error: null,
      matrixId: null,
      rerunOf: null
    })
    expect(run.durationMs).toBeGreaterThanOrEqual(0)
    expect(Date.parse(run.startedAt ?? '')).toBeLessThanOrEqual(Date.parse(run.finishedAt ?? ''))
    expect(statuses).toEqual(['requested', 'running', 'completed'])
    expect(chunks.join('')).toContain('stdout:line 0 of Ada')
    expect(logOf(run.id, 'stdout')).toBe('line 0 of Ada\nline 1 of Ada\n')
    expect(JSON.parse(readFileSync(executionsDir(String(run.id), 'status.json'), 'utf8'))).toMatchObject({ id: run.id, status: 'completed' })
    // Defaults are applied and stored.
    expect((await wb.executions.run('demo.echo', {})).parameters).toEqual({ name: 'world', lines: 1 })
  })

  it('marks a non-zero exit failed, with stderr as the error (spec §5.11)', async () => {
    const wb = await open()
    const run = await wb.executions.run('demo.fails', {})
    expect(run).toMatchObject({ status: 'failed', exitCode: 3, error: 'it broke', stdout: 'about to fail\n' })
  })

  it('parses json output into result and keeps stdout only in the log', async () => {
    const wb = await open()
    const run = await wb.executions.run('demo.json', {})
    expect(run).toMatchObject({ status: 'completed', result: { answer: 42, list: [1, 2] }, stdout: '' })
    expect(logOf(run.id, 'stdout')).toContain('"answer": 42')
  })

  it('serves a log in slices and says when the end of a finished run was read', async () => {
    const wb = await open()
    const run = await wb.executions.run('demo.echo', { lines: 3 })
    const first = wb.executions.log(run.id, 'stdout')
    expect(first).toEqual({ text: 'line 0 of world\nline 1 of world\nline 2 of world\n', nextOffset: 48, size: 48, done: true })
    expect(wb.executions.log(run.id, 'stdout', 16)).toMatchObject({ text: 'line 1 of world\nline 2 of world\n', done: true })
    expect(wb.executions.log(run.id, 'stderr')).toMatchObject({ text: 'done world\n', done: true })
  })

  it('refuses bad input before anything is recorded or spawned', async () => {
    const wb = await open()
    const refusal = (fn: () => unknown): WorkbenchError => {
      try {
        fn()
      } catch (error) {
        if (error instanceof WorkbenchError) return error
        throw error
      }
      throw new Error('expected a refusal')
    }
    const unknown = refusal(() => wb.executions.start('demo.echoo', {}))
    expect(unknown.kind).toBe('bad-input')
    expect(unknown.message).toMatch(/^unknown action 'demo\.echoo' \(did you mean demo\.echo, /)
    expect(refusal(() => wb.executions.start('other.echo', {})).message).toContain('did you mean demo.echo')
    // A typo names the nearest action first, by edit distance, not the first alphabetically.
    expect(refusal(() => wb.executions.start('demo.sleepi', {})).message).toMatch(/^unknown action 'demo\.sleepi' \(did you mean demo\.sleepy, /)
    const wrongType = refusal(() => wb.executions.start('demo.echo', { lines: 'many' }))
    expect(wrongType.kind).toBe('bad-input')
    expect(wrongType.message).toContain('invalid parameters for demo.echo')
    const missing = refusal(() => wb.executions.start('demo.secret', {}))
    expect(missing.message).toMatch(/invalid parameters for demo\.secret: .*token/)
    expect(refusal(() => wb.executions.get(999)).message).toBe('unknown execution 999')
    expect(wb.executions.list()).toEqual([])
    expect(existsSync(executionsDir())).toBe(false)
  })
})

describe('secret parameters', () => {
  it('never stores, shows or logs the value, and must be given again on rerun', async () => {
    const wb = await open()
    const run = await wb.executions.run('demo.secret', { token: SECRET, user: 'grace' })

    expect(run.status).toBe('completed')
    expect(run.parameters).toEqual({ user: 'grace', token: '***' })
    expect(run.stdout).toContain('token is *** for grace')
    const everything = [JSON.stringify(run), JSON.stringify(wb.executions.list()), logOf(run.id, 'stdout'), logOf(run.id, 'stderr')]
    for (const text of everything) expect(text).not.toContain(SECRET)
    expect(logOf(run.id, 'stderr')).toBe('stderr token ***\n')

    let refused: unknown
    try {
      wb.executions.rerun(run.id)
    } catch (error) {
      refused = error
    }
    expect(refused).toBeInstanceOf(WorkbenchError)
    expect((refused as WorkbenchError).kind).toBe('bad-input')
    expect((refused as WorkbenchError).message).toContain('token')
    expect(wb.executions.list()).toHaveLength(1)

    const again = await wb.executions.wait(wb.executions.rerun(run.id, { token: 'another-secret' }).id)
    expect(again).toMatchObject({ status: 'completed', rerunOf: run.id, parameters: { user: 'grace', token: '***' } })
    expect(again.stdout).toContain('token is *** for grace')
    expect(JSON.stringify(again) + logOf(again.id, 'stdout')).not.toContain('another-secret')
  })
})

describe('rerun', () => {
  it('repeats the action with the same parameters and options', async () => {
    const wb = await open()
    const first = await wb.executions.run('demo.echo', { name: 'Lin' }, { timeoutSeconds: 7 })
    const again: ExecutionView = await wb.executions.wait(wb.executions.rerun(first.id).id)
    expect(again).toMatchObject({ status: 'completed', rerunOf: first.id, parameters: { name: 'Lin', lines: 1 }, options: { timeoutSeconds: 7 }, stdout: 'line 0 of Lin\n' })
    expect(again.id).not.toBe(first.id)
  })
})

describe('a reused execution id', () => {
  it('starts with fresh logs and no old status when the database was reset but the executions folder kept', async () => {
    let wb = await open()
    const first = await wb.executions.run('demo.echo', { name: 'OLD' })
    wb.close()
    forgetWorkbench()
    const home = dirname(executionsDir())
    for (const name of readdirSync(home)) if (name.startsWith('workbench.db')) rmSync(join(home, name))
    wb = await open()
    const second = await wb.executions.start('demo.echo', { name: 'NEW' })
    expect(second.id).toBe(first.id)
    expect(existsSync(executionsDir(String(second.id), 'status.json'))).toBe(false)
    const run = await wb.executions.wait(second.id)
    expect(logOf(run.id, 'stdout')).toBe('line 0 of NEW\n')
    expect(wb.executions.get(run.id).stdout).toBe('line 0 of NEW\n')
  })
})
