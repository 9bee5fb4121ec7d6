import { cpSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { WorkbenchOptions } from '../src/main/core/workbench'
import { writePack } from './env-machine'
import { RuntimeMachine } from './runtime-machine'

/**
 * The machine the IPC and CLI fuzz run on: the test catalog, a fake Python 3.12, and two packs to aim at —
 * `good` (the corpus' good pack: a shell action and an action on the pack's own runtime) and `fz` (typed,
 * required, enum and secret parameters, and a Python action with a constraint).
 */
export interface FuzzMachine {
  readonly machine: RuntimeMachine
  readonly env: Record<string, string>
  readonly options: Omit<WorkbenchOptions, 'home' | 'env'>
  /** Pack folders by ref, not yet registered. */
  readonly packDirs: Readonly<Record<'good' | 'fz', string>>
}

const GOOD_PACK = fileURLToPath(new URL('../src/main/core/packs/fixtures/good_pack', import.meta.url))

export function createFuzzMachine(): FuzzMachine {
  const machine = RuntimeMachine.create()
  machine.python('bin/python3.12', '3.12.4')
  cpSync(GOOD_PACK, machine.path('packs/good'), { recursive: true })
  const fz = writePack(machine, 'fz', {
    'actions/typed.yaml': `ref: fz.typed
runner_type: shell
entry_point: typed.sh
parameters:
  name: {type: string, required: true}
  count: {type: integer, default: 1}
  flag: {type: boolean}
  choice: {type: string, enum: [red, green]}
  items: {type: array}
  token: {type: string, secret: true}
`,
    'actions/typed.sh': 'echo typed\n',
    'actions/py.yaml': 'ref: fz.py\nrunner_type: python\nentry_point: py.py\nruntime_version: ">=3.12"\n',
    'actions/py.py': 'print("hi")\n'
  })
  machine.fake.dir('empty')
  machine.fake.dir('nested/deeper')
  return {
    machine,
    env: machine.env(['bin']),
    options: machine.workbenchOptions({ examplePacksDir: null, killGraceMs: 200 }),
    packDirs: { good: machine.path('packs/good'), fz }
  }
}

/** Folders to register that are not packs, or reach one in a roundabout way; for `packs:add` / `packs add`. */
export function fuzzDirs(machine: RuntimeMachine): string[] {
  const root = machine.root
  return [
    '../../etc',
    '../'.repeat(12),
    '../../../../../../../../tmp',
    '/',
    '/etc',
    '/proc/self',
    '/dev/null',
    '/dev/zero',
    machine.dataHome,
    `${machine.dataHome}/executions`,
    root,
    `${root}/empty`,
    `${root}/nested/deeper`,
    `${root}/nested/deeper/../../empty`,
    `${root}/packs`,
    `${root}/packs/good/actions`,
    `${root}/packs/good/actions/../../good`,
    `${root}/packs/fz/./`,
    `${root}/packs/good/pack.yaml`,
    `${root}/does-not-exist`,
    `${root}/empty/../../../../etc`,
    'relative/nowhere',
    '.',
    '~',
    'C:\\Windows',
    '\\\\server\\share',
    'file:///etc',
    `${root}/empty\0/x`
  ]
}

/** Pack, action and runtime refs, names and aliases that exist on the fuzz machine, and near misses. */
export const FUZZ_REFS: readonly string[] = ['good', 'fz', 'GOOD', ' fz ', 'good.hello', 'good.tool_action', 'fz.typed', 'fz.py', 'fz.missing', 'good.', '.hello', 'core.python', 'python', 'Python', 'python3', 'core.shell', 'shell', 'core.nodejs', 'node', 'good.tool', 'tool', 'core', 'core.python.x']
