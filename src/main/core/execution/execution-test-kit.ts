import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import { waitFor } from '../../../../test-support/exec-machine'
import { linkTools, writePack } from '../../../../test-support/env-machine'
import { RuntimeMachine } from '../../../../test-support/runtime-machine'
import { openWorkbench, type Workbench, type WorkbenchOptions } from '../workbench'

/**
 * The executor's tests on a fake machine with the test catalog (core.shell runs `/bin/sh FILE`): real SQLite in
 * a temp data home, real action processes, their logs on disk.
 */
let machine: RuntimeMachine
let workbench: Workbench | null
let leftovers: number[]

/** The test closed its workbench itself: neither the next `open` nor the cleanup closes it again. */
export function forgetWorkbench(): void {
  workbench = null
}

export const SHELL_ACTIONS = {
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

export const SECRET = 's3cr3t-Value-42'

/** Give each test of the calling file a fresh machine with the demo pack, closed and cleaned after it. */
export function useDemoMachine(): void {
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
}

export async function open(extra: Partial<Omit<WorkbenchOptions, 'home' | 'env'>> = {}): Promise<Workbench> {
  workbench?.close()
  workbench = openWorkbench({ home: machine.dataHome, env: machine.env(['bin']), ...machine.workbenchOptions({ examplePacksDir: null, killGraceMs: 200, ...extra }) })
  await workbench.lifecycle.register(machine.path('packs/demo'))
  return workbench
}

export const executionsDir = (...parts: string[]): string => join(machine.dataHome, 'executions', ...parts)
export const logOf = (id: number, stream: 'stdout' | 'stderr'): string => readFileSync(executionsDir(String(id), `${stream}.log`), 'utf8')

/** The pids an action printed (`pid N`, `child N`), once both are in its log; remembered for cleanup. */
export async function pidsOf(id: number): Promise<{ pid: number; child: number }> {
  const text = await waitFor(`the pids of run ${id}`, () => {
    const log = existsSync(executionsDir(String(id), 'stdout.log')) ? logOf(id, 'stdout') : ''
    return /child \d+/.test(log) ? log : undefined
  })
  const pid = Number(/pid (\d+)/.exec(text)?.[1])
  const child = Number(/child (\d+)/.exec(text)?.[1])
  leftovers.push(pid, child)
  return { pid, child }
}
