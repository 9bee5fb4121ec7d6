import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { captureIo } from '../../../test-support/capture-io'
import { linkTools, writePack } from '../../../test-support/env-machine'
import { RuntimeMachine } from '../../../test-support/runtime-machine'
import { runCli } from './run-cli'

/**
 * Issue 9 finding 10: under `npm run cli` an action's PATH began with the checkout's node_modules/.bin and
 * npm's node-gyp-bin, so the workbench's own tool chain (vitest, tsc...) was on the action's PATH. The CLI
 * runs here with the environment `npm run` gives it; the action prints what it sees.
 */
const REPO = join(__dirname, '..', '..', '..')
let machine: RuntimeMachine

beforeEach(() => {
  machine = RuntimeMachine.create()
  linkTools(machine, ['cat'])
  writePack(machine, 'demo', {
    'actions/path.yaml': 'ref: demo.path\nrunner_type: shell\nentry_point: path.sh\n',
    'actions/path.sh': 'echo "PATH=$PATH"\necho "vitest=$(command -v vitest || echo none)"\necho "npm vars=[${npm_lifecycle_event:-}${npm_package_name:-}${npm_config_user_agent:-}]"\n'
  })
})
afterEach(() => machine.dispose())

describe('an action run from npm run cli', () => {
  it('sees the machine PATH, not node_modules/.bin, npm\'s node-gyp-bin or npm_* variables', async () => {
    const machinePath = machine.env(['bin']).PATH ?? ''
    const npmAdded = [
      join(REPO, 'node_modules', '.bin'),
      join(REPO, '..', 'node_modules', '.bin'),
      '/node_modules/.bin',
      join(REPO, 'node_modules', 'npm', 'node_modules', '@npmcli', 'run-script', 'lib', 'node-gyp-bin')
    ]
    const env = { ...machine.env(['bin']), PATH: [...npmAdded, machinePath].join(':'), npm_lifecycle_event: 'cli', npm_package_name: 'attune-workbench', npm_config_user_agent: 'npm/10' }
    const captured = captureIo(env)
    const options = machine.workbenchOptions({ examplePacksDir: null })
    expect(await runCli(['--home', machine.dataHome, 'packs', 'add', machine.path('packs/demo')], captured.io, options)).toBe(0)
    const run = captureIo(env)
    expect(await runCli(['--home', machine.dataHome, 'run', 'demo.path'], run.io, options)).toBe(0)
    expect(run.stdout()).toContain(`PATH=${machinePath}\n`)
    expect(run.stdout()).toContain('vitest=none\n')
    expect(run.stdout()).toContain('npm vars=[]\n')
  })
})
