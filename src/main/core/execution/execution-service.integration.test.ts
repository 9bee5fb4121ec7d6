import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExecutionView } from '../../../shared/domain/execution'
import { pidAlive, waitFor } from '../../../../test-support/exec-machine'
import { linkTools, writePack } from '../../../../test-support/env-machine'
import { RuntimeMachine } from '../../../../test-support/runtime-machine'
import { WorkbenchError } from '../errors'
import { openWorkbench, type Workbench, type WorkbenchOptions } from '../workbench'

/**
 * The executor on a fake machine with the test catalog (core.shell runs `/bin/sh FILE`): real SQLite in
 * a temp data home, real action processes, their logs on disk.
 */
let machine: RuntimeMachine
let workbench: Workbench | null
let leftovers: number[]

const SHELL_ACTIONS = {
  'actions/echo.yaml': `ref: demo.echo
runner_type: shell
entry_point: echo.sh
parameter_format: dotenv
parameters:
  name: {type: string, default: world}
  lines: {type: integer, default: 1}
`,
  'actions/echo.sh': `eval "$(cat)"
i=0
while [ "$i" -lt "$lines" ]; do echo "line $i of $name"; i=$((i + 1)); done
echo "done $name" >&2
`,
  'actions/fails.yaml': 'ref: demo.fails\nrunner_type: shell\nentry_point: fails.sh\n',
  'actions/fails.sh': 'echo "about to fail"\necho "it broke" >&2\nexit 3\n',
  'actions/json.yaml': 'ref: demo.json\nrunner_type: shell\nentry_point: json.sh\noutput_format: json\n',
  'actions/json.sh': `echo '{"answer": 42, "list": [1, 2]}'\n`,
  // Prints its pid and its child's, then waits on the child: a process tree to kill.
  'actions/sleepy.yaml': 'ref: demo.sleepy\nrunner_type: shell\nentry_point: sleepy.sh\n',
  'actions/sleepy.sh': `echo "pid $$"
sleep 30 &
echo "child $!"
wait
`,
  // Its child ignores SIGTERM: only the SIGKILL after the grace period ends it.
  'actions/stubborn.yaml': 'ref: demo.stubborn\nrunner_type: shell\nentry_point: stubborn.sh\n',
  'actions/stubborn.sh': `echo "pid $$"
(trap '' TERM; sleep 30) &
echo "child $!"
wait
`,
  'actions/secret.yaml': `ref: demo.secret
runner_type: shell
entry_point: secret.sh
parameter_format: dotenv
parameters:
  user: {type: string, default: ada}
  token: {type: string, secret: true, required: true}
`,
  'actions/secret.sh': `doc=$(cat)
echo "document: $doc"
eval "$doc"
echo "token is $token for $user"
echo "stderr token $token" >&2
`
}

const SECRET = 's3cr3t-Value-42'

beforeEach(() => {
  machine = RuntimeMachine.create()
  workbench = null
  leftovers = []
  linkTools(machine, ['cat'])
  writePack(machine, 'demo', SHELL_ACTIONS)
})
afterEach(() => {
  workbench?.close()
  for (const pid of leftovers) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Already gone, as it should be.
    }
  }
  machine.dispose()
})

async function open(extra: Partial<Omit<WorkbenchOptions, 'home' | 'env'>> = {}): Promise<Workbench> {
  workbench?.close()
  workbench = openWorkbench({ home: machine.dataHome, env: machine.env(['bin']), ...machine.workbenchOptions({ examplePacksDir: null, killGraceMs: 200, ...extra }) })
  await workbench.lifecycle.register(machine.path('packs/demo'))
  return workbench
}

const executionsDir = (...parts: string[]): string => join(machine.dataHome, 'executions', ...parts)
const logOf = (id: number, stream: 'stdout' | 'stderr'): string => readFileSync(executionsDir(String(id), `${stream}.log`), 'utf8')

/** The pids an action printed (`pid N`, `child N`), once both are in its log; remembered for cleanup. */
async function pidsOf(id: number): Promise<{ pid: number; child: number }> {
  const text = await waitFor(`the pids of run ${id}`, () => {
    const log = existsSync(executionsDir(String(id), 'stdout.log')) ? logOf(id, 'stdout') : ''
    return /child \d+/.test(log) ? log : undefined
  })
  const pid = Number(/pid (\d+)/.exec(text)?.[1])
  const child = Number(/child (\d+)/.exec(text)?.[1])
  leftovers.push(pid, child)
  return { pid, child }
}

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

describe('closing the engine', () => {
  it('cancels its running and queued runs, kills their processes and records why', async () => {
    const wb = await open({ maxConcurrentRuns: 1 })
    const running = wb.executions.start('demo.sleepy', {})
    const queued = wb.executions.start('demo.echo', {})
    const { pid, child } = await pidsOf(running.id)

    wb.close()
    workbench = null

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
