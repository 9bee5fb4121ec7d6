import { existsSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captureIo } from '../../../../../test-support/capture-io'
import { linkTools, writePack } from '../../../../../test-support/env-machine'
import { pidAlive, startEngineChild, waitFor } from '../../../../../test-support/exec-machine'
import { recordFigure } from '../../../../../test-support/hardening-figures'
import { RuntimeMachine } from '../../../../../test-support/runtime-machine'
import { runCli } from '../../../cli/run-cli'
import { createRouter } from '../../../ipc/router'
import { openWorkbench, type WorkbenchOptions } from '../../workbench'

/**
 * Issue 9, findings 6, 7 and 11, attacked for real: entry points that point out of the pack (each refused by
 * `run` and `matrix` on the command line with exit 2 and by IPC as bad input, never executed), secret files
 * a SIGKILLed engine leaves (gone once an engine opens the home again), and children that leave the process
 * group and clear their environment (killed at the end of the run and named in its warnings).
 */
let machine: RuntimeMachine
let env: Record<string, string>
let options: Omit<WorkbenchOptions, 'home' | 'env'>
let refused = 0
const refusedKinds: string[] = []
const treeKills: string[] = []
let leftoversRemoved = 0

const MARKER = (): string => machine.path('pwned')
const shell = (name: string, entryPoint: string, runner = 'shell'): Record<string, string> => ({
  [`actions/${name}.yaml`]: `ref: evil.${name}\nrunner_type: ${runner}\nentry_point: ${JSON.stringify(entryPoint)}\n`
})

beforeAll(async () => {
  machine = RuntimeMachine.create()
  linkTools(machine, ['cat', 'touch', 'setsid', 'env', 'sleep', 'sh'])
  const outside = machine.path('outside.sh')
  writeFileSync(outside, `touch '${machine.path('pwned')}'\n`)
  const dir = writePack(machine, 'evil', {
    ...shell('climb', '../../../../../../../../etc/passwd'),
    ...shell('climb_short', '../pack.yaml'),
    ...shell('absolute', '/etc/passwd'),
    ...shell('text', `touch ${machine.path('pwned')}`),
    ...shell('missing', 'nothing.sh'),
    ...shell('folder', 'lib'),
    ...shell('link_out', 'link_out.sh'),
    ...shell('loop', 'loop.sh'),
    ...shell('swapped', 'swapped.sh'),
    'actions/lib/keep.txt': 'a folder\n',
    'actions/swapped.sh': 'echo fine\n'
  })
  symlinkSync(outside, join(dir, 'actions', 'link_out.sh'))
  symlinkSync(join(dir, 'actions', 'loop.sh'), join(dir, 'actions', 'loop.sh.2'))
  symlinkSync(join(dir, 'actions', 'loop.sh.2'), join(dir, 'actions', 'loop.sh'))
  writePack(machine, 'tree', {
    'actions/detach.yaml': 'ref: tree.detach\nrunner_type: shell\nentry_point: detach.sh\n',
    'actions/detach.sh': 'setsid env -i sleep 300 &\necho "pid $!"\nsleep 0.6\n',
    'actions/nohup.yaml': 'ref: tree.nohup\nrunner_type: shell\nentry_point: nohup.sh\n',
    'actions/nohup.sh': 'setsid env -i sh -c "sleep 300; :" >/dev/null 2>&1 &\necho "pid $!"\nsleep 0.6\n',
    'actions/grandchild.yaml': 'ref: tree.grandchild\nrunner_type: shell\nentry_point: grandchild.sh\n',
    'actions/grandchild.sh': 'sh -c \'setsid env -i sleep 300 & echo "pid $!"; sleep 2\' &\nsleep 0.6\n',
    'actions/keeps.yaml': 'ref: tree.keeps\nrunner_type: shell\nentry_point: keeps.sh\nparameter_delivery: file\nparameters:\n  token: {type: string, secret: true}\n',
    'actions/keeps.sh': 'echo "pid $$"\necho "file $ATTUNE_PARAMETER_FILE"\nexec sleep 30\n'
  })
  env = machine.env(['bin'])
  options = machine.workbenchOptions({ examplePacksDir: null, killGraceMs: 200 })
  for (const pack of ['evil', 'tree']) expect(await cli('packs', 'add', machine.path(`packs/${pack}`))).toMatchObject({ code: 0 })
  // Swapped for a link out of the pack after registration: the loader saw a good file.
  renameSync(join(dir, 'actions', 'swapped.sh'), join(dir, 'actions', 'swapped.sh.old'))
  symlinkSync(outside, join(dir, 'actions', 'swapped.sh'))
})
afterAll(() => {
  recordFigure('entry-point-cases-refused', refused, `${refusedKinds.length} bad entry points x (CLI run, CLI matrix, IPC executions:start, IPC matrix:start), none executed`)
  recordFigure('tree-kill-cases', treeKills.length, `children that left the process group and cleared their environment, killed at the end of the run: ${treeKills.join(', ')}`)
  recordFigure('secret-leftovers-removed', leftoversRemoved, 'files a SIGKILLed engine left in its private scratch folder, removed at the next start')
  machine?.dispose()
})

async function cli(...argv: string[]): Promise<{ code: number; out: string; stdout: string }> {
  const captured = captureIo(env)
  const code = await runCli(['--home', machine.dataHome, ...argv], captured.io, options)
  return { code, out: captured.stdout() + captured.stderr(), stdout: captured.stdout() }
}

const CASES = [
  ['climb', /leaves the actions\/ folder/],
  ['climb_short', /leaves the actions\/ folder/],
  ['absolute', /is an absolute path/],
  ['text', /the workbench runs only script files/],
  ['missing', /does not exist/],
  ['folder', /is not a file/],
  ['link_out', /outside the pack folder/],
  ['loop', /symbolic link|loop|ELOOP/i],
  ['swapped', /is a symbolic link to .*outside\.sh, outside the pack folder/]
] as const

describe('entry points that have an error', () => {
  it.each(CASES)('%s is refused by run and matrix (exit 2) and never executed', async (name, reason) => {
    for (const command of ['run', 'matrix']) {
      const result = await cli(command, `evil.${name}`)
      expect(result.code, result.out).toBe(2)
      expect(result.out).toContain(`action 'evil.${name}' cannot run: entry_point`)
      expect(result.out).toMatch(reason)
      refused++
    }
    refusedKinds.push(name)
    expect(existsSync(MARKER())).toBe(false)
  })

  it('is refused over IPC as bad input with the same reason', async () => {
    const workbench = openWorkbench({ home: machine.dataHome, env, ...options })
    try {
      const router = createRouter(workbench, { kind: 'browser', version: 'test', startup: () => ({ phase: 'ready', message: 'Ready' }) })
      for (const [name, reason] of CASES) {
        for (const channel of ['executions:start', 'matrix:start']) {
          const answer = await router.handle(channel, { action: `evil.${name}` })
          expect(answer).toMatchObject({ ok: false, error: { kind: 'bad-input' } })
          expect(!answer.ok && answer.error.message).toMatch(reason)
          refused++
        }
      }
      expect(workbench.executions.list()).toEqual([])
    } finally {
      workbench.close()
    }
    expect(existsSync(MARKER())).toBe(false)
  })
})

describe('children that leave the process group and clear their environment', () => {
  it.skipIf(process.platform !== 'linux').each(['detach', 'nohup', 'grandchild'])('%s: killed when the run ends and named in its warnings', async (name) => {
    const result = await cli('run', `tree.${name}`, '--json')
    const run = JSON.parse(result.stdout) as { status: string; warnings: string[]; stdout: string }
    const pid = Number(/pid (\d+)/.exec(run.stdout)?.[1])
    try {
      expect(run.status).toBe('completed')
      const warning = run.warnings.find((text) => text.includes('outside its process group'))
      expect(warning).toMatch(new RegExp(`\\(pid ${pid}\\)`))
      expect(await waitFor(`pid ${pid} to be gone`, () => !pidAlive(pid), 2_000)).toBe(true)
      treeKills.push(`${name}: ${warning?.slice(warning.indexOf(': ') + 2)}`)
    } finally {
      if (pidAlive(pid)) process.kill(pid, 'SIGKILL')
    }
  })
})

describe('secret files of a run whose engine was SIGKILLed', () => {
  it('stay only in the private scratch folder and are gone once an engine opens the home', async () => {
    const child = startEngineChild({ home: machine.dataHome, env, options, action: 'tree.keeps', parameters: { token: 'sigkill-secret-51c' } })
    let pid = 0
    try {
      const { id } = (await child.next((event) => event.event === 'started')) as { id: number }
      const stdout = join(machine.dataHome, 'executions', String(id), 'stdout.log')
      const log = await waitFor('the parameter file', () => (existsSync(stdout) && /file \S+/.test(readFileSync(stdout, 'utf8')) ? readFileSync(stdout, 'utf8') : undefined))
      pid = Number(/pid (\d+)/.exec(log)?.[1])
      const file = /file (\S+)/.exec(log)?.[1] ?? ''
      await child.crash()
      const scratch = join(machine.dataHome, 'scratch')
      expect(file.startsWith(`${scratch}/`)).toBe(true)
      leftoversRemoved += readdirSync(scratch).length
      expect(existsSync(file)).toBe(true)
      openWorkbench({ home: machine.dataHome, env, ...options }).close()
      expect(existsSync(file)).toBe(false)
      expect(readdirSync(scratch)).toEqual([])
    } finally {
      await child.crash()
      if (pid > 0 && pidAlive(pid)) process.kill(pid, 'SIGKILL')
    }
  })
})
