import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest'
import type { EnvView } from '../../shared/domain/env'
import { captureIo } from '../../../test-support/capture-io'
import { action, catalogOptions, systemTool, writePack } from '../../../test-support/env-machine'
import { pidAlive, startEngineChild, waitFor, type EngineChild } from '../../../test-support/exec-machine'
import { recordFigure } from '../../../test-support/hardening-figures'
import { everyVersion, fillDisk, forgetSetupPids, integrityCheck, killAll, printedPids, setupPids, slowSetup, survivors, tryMount, unmount } from '../../../test-support/hardening-kit'
import { RuntimeMachine } from '../../../test-support/runtime-machine'
import { runCli } from '../cli/run-cli'
import { openWorkbench, type Workbench, type WorkbenchOptions } from './workbench'

/**
 * Faults (issue 6): the engine killed mid-run and mid-build, a data home that cannot be written, a full
 * disk, envs, interpreters and pack folders that vanish, and actions that misbehave. Every fault is
 * injected for real (SIGKILL, mounts, deleted folders, real process trees) and counted.
 */
let machine: RuntimeMachine
let env: Record<string, string>
let options: Omit<WorkbenchOptions, 'home' | 'env'>
let workbench: Workbench | null
let child: EngineChild | null
let leftovers: number[]
let faultsInjected = 0
const faultKinds: string[] = []

function inject(kind: string): void {
  faultsInjected++
  if (!faultKinds.includes(kind)) faultKinds.push(kind)
}

afterAll(() => recordFigure('faults-injected', faultsInjected, faultKinds.join(', ')))

const shellAction = (name: string, script: string, extra = ''): Record<string, string> => ({
  [`actions/${name}.yaml`]: `ref: faulty.${name}\nrunner_type: shell\nentry_point: ${name}.sh\n${extra}`,
  [`actions/${name}.sh`]: script
})
const BLOBS = 'parameters:\n  blob1: {type: string}\n  blob2: {type: string}\n  blob3: {type: string}\n'

/** Actions that misbehave for real; each prints `pid N` for every process it starts. */
const MISBEHAVING_ACTIONS = {
  // Two levels of children and grandchildren, plus one that leaves the process group (setsid).
  'actions/branch.sh': 'echo "pid $$"\nif [ "$1" -gt 0 ]; then sh "$0" $(($1 - 1)) & fi\nsleep 30 &\necho "pid $!"\nwait\n',
  ...shellAction('tree', 'echo "pid $$"\nsh "${0%/*}/branch.sh" 2 &\nsh "${0%/*}/branch.sh" 1 &\nsetsid sh "${0%/*}/branch.sh" 1 &\nsleep 0.5\necho planted\n'),
  ...shellAction('tree_wait', 'echo "pid $$"\nsh "${0%/*}/branch.sh" 2 &\nsetsid sh "${0%/*}/branch.sh" 1 &\nwait\n'),
  ...shellAction('stubborn', 'trap "" TERM\necho "pid $$"\n(trap "" TERM; sleep 30) &\necho "pid $!"\nwhile :; do sleep 0.1; done\n'),
  ...shellAction('early_close', 'echo "pid $$"\nsleep 30 &\necho "pid $!"\nexec >&- 2>&-\nsleep 1\nexit 0\n'),
  ...shellAction('early_close_hang', 'echo "pid $$"\nexec >&- 2>&-\nsleep 30\n'),
  ...shellAction('binary', 'echo "pid $$" >&2\nhead -c 300000 /dev/urandom\nprintf "\\000\\377\\376 end\\n"\n'),
  ...shellAction('no_stdin', 'echo "pid $$"\nexec sleep 30\n', BLOBS),
  ...shellAction('no_stdin_exit', 'echo "pid $$"\nexit 0\n', BLOBS)
}

const FAULTY_PACK = {
  ...action('faulty', 'pyrun', 'python'),
  'actions/pyrun.py': 'echo "pid $$"\necho "ran on $0"\n',
  'requirements.txt': 'fake==1\n',
  'actions/chatty.yaml': 'ref: faulty.chatty\nrunner_type: shell\nentry_point: chatty.sh\n',
  // A process tree that keeps printing until it is killed.
  'actions/chatty.sh': 'echo "pid $$"\nsleep 30 &\necho "pid $!"\ni=0\nwhile :; do echo "line $i"; i=$((i + 1)); [ $((i % 50)) = 0 ] && sleep 0.05; done\n',
  ...MISBEHAVING_ACTIONS
}

// One machine for the file (verification and the pack's four envs cost a second or two); each test starts
// from the same snapshot of the data home and the pack folders, restored at the same paths.
beforeAll(async () => {
  machine = RuntimeMachine.create()
  everyVersion(machine)
  env = machine.env(['bin'])
  options = catalogOptions(machine, { killGraceMs: 200 })
  writePack(machine, 'faulty', FAULTY_PACK)
  const wb = openWorkbench({ home: machine.dataHome, env, ...options })
  try {
    const registered = await wb.lifecycle.register(machine.path('packs/faulty'))
    expect(registered.envs.map((e) => [e.version, e.status])).toEqual([
      [null, 'ready'],
      ['3.13', 'ready'],
      ['3.12', 'ready'],
      ['3.11', 'ready']
    ])
  } finally {
    wb.close()
  }
  for (const dir of ['data', 'packs']) execFileSync(systemTool('cp'), ['-a', machine.path(dir), machine.path(`snapshot-${dir}`)])
})
beforeEach(() => {
  for (const dir of ['data', 'packs']) {
    rmSync(machine.path(dir), { recursive: true, force: true })
    execFileSync(systemTool('cp'), ['-a', machine.path(`snapshot-${dir}`), machine.path(dir)])
  }
  forgetSetupPids(machine)
  workbench = null
  child = null
  leftovers = []
})
afterEach(async () => {
  close()
  await child?.crash()
  killAll([...leftovers, ...setupPids(machine)])
})
afterAll(() => machine?.dispose())

function open(): Workbench {
  close()
  workbench = openWorkbench({ home: machine.dataHome, env, ...options })
  return workbench
}
function close(): void {
  workbench?.close()
  workbench = null
}

async function cli(...argv: string[]) {
  const captured = captureIo(env)
  const code = await runCli(['--home', machine.dataHome, ...argv], captured.io, options)
  expect(captured.stdout() + captured.stderr(), 'no stack trace').not.toMatch(/\n\s+at .+:\d+/)
  return { ...captured, code }
}

const database = (): string => join(machine.dataHome, 'workbench.db')
const envDir = (name: string): string => join(machine.dataHome, 'runtime_envs', 'faulty', name)
const runLog = (id: number, stream: 'stdout' | 'stderr' = 'stdout'): string => {
  const file = join(machine.dataHome, 'executions', String(id), `${stream}.log`)
  return existsSync(file) ? readFileSync(file, 'utf8') : ''
}
const leftoversOf = (): string[] => readdirSync(join(machine.dataHome, 'runtime_envs', 'faulty')).filter((name) => name.startsWith('.') && !name.endsWith('.json'))
const statusOf = async (wb: Workbench, version: string | null): Promise<EnvView | undefined> =>
  (await wb.envs.list('faulty')).find((view) => view.runtime === 'core.python' && view.version === version)

describe('the engine killed with SIGKILL', () => {
  it('during a run: the database passes integrity_check, the run is abandoned with its log kept, no action process survives', async () => {
    child = startEngineChild({ home: machine.dataHome, env, options, action: 'faulty.chatty' })
    const { id } = (await child.next((event) => event.event === 'started')) as { id: number }
    await child.next((event) => event.id === id && event.status === 'running')
    const before = await waitFor('output', () => (/line 200\n/.test(runLog(id)) ? runLog(id) : undefined))
    leftovers.push(...printedPids(before))
    expect(leftovers).toHaveLength(2)

    inject('SIGKILL during a run')
    await child.crash()
    child = null

    expect(integrityCheck(database())).toBe('ok')
    const wb = open()
    const run = wb.executions.get(id)
    expect(run).toMatchObject({ status: 'abandoned', error: 'The workbench stopped while this run was in progress.' })
    expect(run.stdout.startsWith(before)).toBe(true)
    expect(await survivors(leftovers)).toEqual([])
    // The engine works on: a new run on the same home completes.
    expect((await wb.executions.run('faulty.pyrun', {})).status).toBe('completed')
    close()
    expect(integrityCheck(database())).toBe('ok')
  })

  it('during a fresh env build: the half-built env is never ready, its setup process is reaped, the next setup rebuilds it cleanly', async () => {
    rmSync(envDir('python-3.12'), { recursive: true, force: true })
    slowSetup(machine, 'SLOW_VENV', true)
    child = startEngineChild({ home: machine.dataHome, env, options, action: 'faulty.pyrun' })
    const { id } = (await child.next((event) => event.event === 'started')) as { id: number }
    const [builder] = await waitFor('the venv command', () => (setupPids(machine).length > 0 ? setupPids(machine) : undefined))
    await waitFor('the half-built env dir', () => existsSync(join(envDir('python-3.12'), 'bin')))

    inject('SIGKILL during an env build')
    await child.crash()
    child = null
    expect(pidAlive(builder as number)).toBe(true)
    slowSetup(machine, 'SLOW_VENV', false)

    expect(integrityCheck(database())).toBe('ok')
    const wb = open()
    expect(await survivors([builder as number])).toEqual([])
    expect(wb.executions.get(id)).toMatchObject({ status: 'abandoned' })
    const half = await statusOf(wb, '3.12')
    expect(half?.status).not.toBe('ready')
    expect(half?.status).toBe('broken')
    expect(half?.statusReason).toMatch(/does not exist|no build record/)

    const outcomes = await wb.envs.setup('faulty')
    expect(outcomes.map((e) => [e.version, e.status, e.action])).toContainEqual(['3.12', 'ready', 'built'])
    expect(leftoversOf()).toEqual([])
    expect(readFileSync(join(envDir('python-3.12'), 'installed.txt'), 'utf8')).toBe('fake==1\n')
    expect((await wb.executions.run('faulty.pyrun', {})).status).toBe('completed')
  })

  it('during a rebuild (pip install): the copy is never ready, the previous env is recovered, no .previous-* is left', async () => {
    writeFileSync(machine.path('packs/faulty/requirements.txt'), 'fake==2\n')
    slowSetup(machine, 'SLOW_PIP', true)
    child = startEngineChild({ home: machine.dataHome, env, options, action: 'faulty.pyrun' })
    await child.next((event) => event.event === 'started')
    const [builder] = await waitFor('the pip command', () => (setupPids(machine).length > 0 ? setupPids(machine) : undefined))
    await waitFor('the old env moved aside', () => leftoversOf().some((name) => name.startsWith('.python-3.12.previous-')))

    inject('SIGKILL during an env rebuild')
    await child.crash()
    child = null
    slowSetup(machine, 'SLOW_PIP', false)

    expect(integrityCheck(database())).toBe('ok')
    const wb = open()
    expect(await survivors([builder as number])).toEqual([])
    const half = await statusOf(wb, '3.12')
    expect(half?.status).toBe('broken')
    expect(half?.statusReason).toContain('interrupted')

    await wb.envs.setup('faulty')
    expect(leftoversOf()).toEqual([])
    const views = await wb.envs.list('faulty')
    expect(views.map((view) => view.status)).toEqual(['ready', 'ready', 'ready', 'ready'])
    expect(readFileSync(join(envDir('python-3.12'), 'installed.txt'), 'utf8')).toBe('fake==2\n')
  })
})

describe('a data home that cannot be written', () => {
  async function refused(home: string) {
    const captured = captureIo(env)
    const started = Date.now()
    const code = await runCli(['--home', home, '--json', 'runtimes', 'list'], captured.io, options)
    return { code, ms: Date.now() - started, error: (captured.json() as { error: { kind: string; message: string } }).error, stderr: captured.stderr() }
  }

  it('a path under a file (ENOTDIR): exit 3 naming the home and why', async () => {
    inject('data home under a file')
    writeFileSync(machine.path('a-file'), 'not a folder')
    const result = await refused(machine.path('a-file/home'))
    expect(result.code).toBe(3)
    expect(result.error).toEqual({ kind: 'environment', message: expect.stringContaining(`the data home ${machine.path('a-file/home')} cannot be used: a part of the path is a file, not a folder`) })
    expect(result.stderr).toContain('--home DIR')
  })

  it('a path under /proc: exit 3 at once (Node’s recursive mkdir would spin there forever)', async () => {
    inject('data home under /proc')
    const result = await refused(`/proc/attune-workbench-hardening-${process.pid}/home`)
    expect(result.code).toBe(3)
    expect(result.error.message).toMatch(/cannot be used: .*cannot be created there/)
    expect(result.ms).toBeLessThan(5_000)
  })

  it('a read-only data home (a read-only bind mount: chmod does not stop root): exit 3, and the home is intact afterwards', async (context) => {
    const root = process.getuid?.() === 0
    recordFigure('faults-chmod-moot', root ? 'yes' : 'no', root ? 'tests run as root: chmod 0500 does not stop writes, so read-only mounts stand in for an unwritable home' : 'not root: chmod would bite')
    const first = await cli('run', 'faulty.pyrun')
    expect(first.code).toBe(0)
    const mounted = tryMount(['--bind', machine.dataHome, machine.dataHome])
    if (!mounted.ok) return context.skip(`cannot bind-mount here (${mounted.reason}); the unwritable home is covered by the ENOTDIR and /proc cases`)
    try {
      const readOnly = tryMount(['-o', 'remount,bind,ro', machine.dataHome])
      if (!readOnly.ok) return context.skip(`cannot remount read-only here (${readOnly.reason})`)
      inject('read-only data home')
      const result = await refused(machine.dataHome)
      expect(result.code).toBe(3)
      expect(result.error.message).toContain(`the data home ${machine.dataHome} cannot be used: it is on a read-only file system`)
    } finally {
      unmount(machine.dataHome)
    }
    expect(integrityCheck(database())).toBe('ok')
    expect((await cli('executions', 'list', '--json')).code).toBe(0)
  })
})

describe('a full disk', () => {
  it('a log that cannot be written (its file is /dev/full): the run ends, recorded with a warning that its log is cut short', async () => {
    inject('log write ENOSPC (/dev/full)')
    const wb = open()
    // Planted once the run is recorded (its folder is cleared then, as for any new id) and before it starts.
    const stop = wb.events.on('execution.updated', ({ id, status }) => {
      if (status !== 'requested') return
      const folder = join(machine.dataHome, 'executions', String(id))
      mkdirSync(folder, { recursive: true })
      symlinkSync('/dev/full', join(folder, 'stdout.log'))
      stop()
    })
    const run = await wb.executions.run('faulty.pyrun', {})
    expect(run.id).toBe(1)
    expect(run.status).toBe('completed')
    expect(run.warnings).toContainEqual(expect.stringMatching(/^the stdout log is incomplete \(ENOSPC: no space left on device.*\); the output kept with this run is cut short$/))
    expect((await wb.executions.run('faulty.pyrun', {})).stdout).toContain('ran on')
  })

  it('a data home on a full file system (a 4 MiB tmpfs): refused in words, runs in flight recorded, everything works once space is freed', async (context) => {
    const disk = machine.path('disk')
    mkdirSync(disk, { recursive: true })
    const mounted = tryMount(['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', disk])
    if (!mounted.ok) return context.skip(`cannot mount a tmpfs here (${mounted.reason}); the /dev/full case covers log writes`)
    try {
      const home = join(disk, 'home')
      const tmpfsCli = async (...argv: string[]) => {
        const captured = captureIo(env)
        return { code: await runCli(['--home', home, ...argv], captured.io, options), ...captured }
      }
      expect((await tmpfsCli('packs', 'add', machine.path('packs/faulty'))).code).toBe(0)

      inject('disk full before a run')
      fillDisk(join(disk, 'filler'))
      const refusedRun = await tmpfsCli('run', 'faulty.chatty', '--json')
      expect(refusedRun.code).toBe(3)
      expect((refusedRun.json() as { error: { kind: string; message: string } }).error).toEqual({ kind: 'environment', message: expect.stringContaining('the disk is full') })

      inject('disk full during a run')
      rmSync(join(disk, 'filler'))
      const wb = openWorkbench({ home, env, ...options })
      try {
        // Leave ~32 KiB: the run's output fills the rest, and its end may not fit in the database either.
        fillDisk(join(disk, 'filler'))
        const size = statSync(join(disk, 'filler')).size
        truncateSync(join(disk, 'filler'), Math.max(0, size - 32 * 1024))
        const started = wb.executions.start('faulty.chatty', {}, { timeoutSeconds: 2 })
        const run = await wb.executions.wait(started.id)
        expect(run.status).toBe('timeout')
        expect(run.warnings).toContainEqual(expect.stringContaining('the stdout log is incomplete (ENOSPC'))
        leftovers.push(...printedPids(run.stdout))
        expect(await survivors(leftovers)).toEqual([])

        rmSync(join(disk, 'filler'))
        const after = await wb.executions.run('faulty.pyrun', {})
        expect(after.status).toBe('completed')
        expect(wb.executions.get(started.id)).toMatchObject({ status: 'timeout' })
        expect(wb.executions.get(started.id).warnings.join('\n')).not.toContain('not in the database yet')
      } finally {
        wb.close()
      }
      expect(integrityCheck(join(home, 'workbench.db'))).toBe('ok')
      // The end the full disk held back reached the database (it is not abandoned on the next open).
      const reopened = openWorkbench({ home, env, ...options })
      try {
        expect(reopened.executions.list().map((run) => run.status)).toEqual(['completed', 'timeout'])
      } finally {
        reopened.close()
      }
    } finally {
      unmount(disk)
    }
  })
})

describe('envs, interpreters and pack folders that vanish', () => {
  it('a deleted env dir: the next run rebuilds it and runs in it', async () => {
    inject('env dir deleted')
    rmSync(envDir('python-3.12'), { recursive: true, force: true })
    const { code, stdout } = await cli('run', 'faulty.pyrun', '--json')
    expect(code).toBe(0)
    expect(JSON.parse(stdout())).toMatchObject({ status: 'completed', selectedVersion: '3.12', envDir: envDir('python-3.12'), interpreter: join(envDir('python-3.12'), 'bin', 'python3.12') })
    expect(existsSync(join(envDir('python-3.12'), '.attune_workbench_env.json'))).toBe(true)
  })

  it('an interpreter removed after verification: the run falls back to the base config and says why; the next verify marks the version unavailable', async () => {
    inject('interpreter removed after verification')
    renameSync(machine.path('bin/python3.12'), machine.path('python3.12.hidden'))
    onTestFinished(() => renameSync(machine.path('python3.12.hidden'), machine.path('bin/python3.12')))
    type Run = { status: string; selectedVersion: string; fallback: string | null; warnings: string[]; envDir: string }
    const runJson = async (): Promise<{ code: number; run: Run }> => {
      const result = await cli('run', 'faulty.pyrun', '--json')
      return { code: result.code, run: JSON.parse(result.stdout()) as Run }
    }
    // Its env (a copy of the interpreter) still runs, with the failed refresh said in words.
    const inOldEnv = await runJson()
    expect(inOldEnv.code).toBe(0)
    expect(inOldEnv.run).toMatchObject({ status: 'completed', selectedVersion: '3.12', envDir: envDir('python-3.12'), fallback: null })
    expect(inOldEnv.run.warnings).toContainEqual(expect.stringMatching(/^the python-3\.12 environment is stale: Environment creation failed: .*python3\.12 not found$/))
    // Without its env, the worker's fallback: the base config, run in the selected version's env dir as the
    // newest worker does (process.rs `ProcessRuntime::execute`, issue 11 item 5), and why.
    rmSync(envDir('python-3.12'), { recursive: true, force: true })
    const fallback = await runJson()
    expect(fallback.code).toBe(0)
    expect(fallback.run).toMatchObject({ status: 'completed', selectedVersion: '3.12', envDir: envDir('python-3.12') })
    expect(fallback.run.fallback).toMatch(/^interpreter '.*python3\.12' of the selected version is not available on this machine; the base runtime config runs instead/)

    const verified = await cli('runtimes', 'verify', '--runtime', 'python', '--json')
    const { runtimes } = JSON.parse(verified.stdout()) as { runtimes: { ref: string; versions: { version: string; available: boolean; reason: string | null }[] }[] }
    const python312 = runtimes.find((runtime) => runtime.ref === 'core.python')?.versions.find((version) => version.version === '3.12')
    expect(python312).toMatchObject({ available: false, reason: expect.stringMatching(/python3\.12/) })
    // The next run picks a version that is there, without a fallback.
    const next = JSON.parse((await cli('run', 'faulty.pyrun', '--json')).stdout()) as { status: string; selectedVersion: string; fallback: string | null }
    expect(next).toMatchObject({ status: 'completed', fallback: null })
    expect(next.selectedVersion).not.toBe('3.12')
  })

  it('a pack folder deleted while registered: reload, envs and run say so in words; the other packs keep working', async () => {
    writePack(machine, 'other', { 'actions/hello.yaml': 'ref: other.hello\nrunner_type: shell\nentry_point: hello.sh\n', 'actions/hello.sh': 'echo hello from other\n' })
    expect((await cli('packs', 'add', machine.path('packs/other'))).code).toBe(0)
    inject('pack folder deleted')
    renameSync(machine.path('packs/faulty'), machine.path('moved-away'))
    const folder = machine.path('packs/faulty')

    const reload = await cli('packs', 'reload', 'faulty')
    expect(reload.stdout() + reload.stderr()).toContain(`${folder}: cannot be opened as a pack folder: it does not exist`)
    const setup = await cli('envs', 'setup')
    expect(setup.code).toBe(3)
    expect(setup.stdout() + setup.stderr()).toContain(`the pack folder ${folder} does not exist (moved or deleted?)`)
    const run = await cli('run', 'faulty.pyrun')
    expect(run.code).not.toBe(0)
    expect(run.stdout() + run.stderr()).toContain(`pack folder ${folder} does not exist`)

    const other = await cli('run', 'other.hello', '--json')
    expect(other.code).toBe(0)
    expect(JSON.parse(other.stdout())).toMatchObject({ status: 'completed', stdout: 'hello from other\n' })
  })
})

describe('actions that misbehave (real processes; every pid they print must be gone when the run ends)', () => {
  const blobs = { blob1: 'a'.repeat(900 * 1024), blob2: 'b'.repeat(900 * 1024), blob3: 'c'.repeat(900 * 1024) }
  const cases: readonly {
    readonly name: string
    readonly fault: string
    readonly parameters?: Record<string, unknown>
    readonly timeoutSeconds?: number
    readonly expected: Record<string, unknown>
    readonly check?: (run: { stdout: string; stderr: string; durationMs: number | null; error: string | null }, elapsedMs: number) => void
  }[] = [
    { name: 'tree', fault: 'a process tree left behind (one child in its own session)', expected: { status: 'completed', exitCode: 0 }, check: (run) => expect(run.stdout).toContain('planted') },
    { name: 'tree_wait', fault: 'a process tree waited on past the timeout', timeoutSeconds: 1, expected: { status: 'timeout', exitCode: -1, error: 'Execution timed out after 1 seconds' } },
    {
      name: 'stubborn',
      fault: 'SIGTERM ignored',
      timeoutSeconds: 1,
      expected: { status: 'timeout', exitCode: -1 },
      check: (_run, elapsedMs) => expect(elapsedMs).toBeLessThan(4_000)
    },
    { name: 'early_close', fault: 'stdout closed early, process runs on', expected: { status: 'completed', exitCode: 0 }, check: (run) => expect(run.durationMs).toBeGreaterThanOrEqual(900) },
    { name: 'early_close_hang', fault: 'stdout closed early, process hangs', timeoutSeconds: 1, expected: { status: 'timeout', exitCode: -1 } },
    {
      name: 'binary',
      fault: 'binary output',
      expected: { status: 'completed', exitCode: 0 },
      check: (run) => {
        expect(run.stdout.length).toBeGreaterThan(100_000)
        expect(run.stdout.endsWith(' end\n')).toBe(true)
      }
    },
    {
      name: 'no_stdin',
      fault: 'stdin never read (2.6 MiB of parameters)',
      parameters: blobs,
      timeoutSeconds: 1,
      expected: { status: 'timeout', exitCode: -1, error: 'Execution timed out after 1 seconds' },
      check: (_run, elapsedMs) => expect(elapsedMs).toBeLessThan(5_000)
    },
    { name: 'no_stdin_exit', fault: 'stdin never read, exits at once (broken pipe)', parameters: blobs, expected: { status: 'completed', exitCode: 0, error: null } }
  ]

  it.each(cases)('$name: $fault', async ({ name, fault, parameters, timeoutSeconds, expected, check }) => {
    inject(fault)
    const wb = open()
    const started = Date.now()
    const run = await wb.executions.wait(wb.executions.start(`faulty.${name}`, parameters ?? {}, timeoutSeconds ? { timeoutSeconds } : {}).id)
    const elapsedMs = Date.now() - started
    expect(run).toMatchObject(expected)
    check?.(run, elapsedMs)
    const pids = printedPids(`${runLog(run.id)}\n${runLog(run.id, 'stderr')}`)
    leftovers.push(...pids)
    expect(pids.length).toBeGreaterThan(0)
    expect(await survivors(pids, 2_000), `processes of ${name} that outlived the run`).toEqual([])
    expect(JSON.stringify(wb.executions.get(run.id)).length).toBeGreaterThan(0)
  })
})
