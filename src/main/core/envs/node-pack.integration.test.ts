import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, readFileSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EnvView } from '../../../shared/domain/env'
import { captureIo, type CapturedIo } from '../../../../test-support/capture-io'
import { catalogOptions, EXAMPLE_PACKS_DIR, linkTools } from '../../../../test-support/env-machine'
import { RuntimeMachine } from '../../../../test-support/runtime-machine'
import { runCli } from '../../cli/run-cli'
import { sha256Hex } from './config-hash'
import { findNodeAndNpm } from './env-test-kit'

const found = findNodeAndNpm()
if ('skip' in found) console.warn(`skipping the Node.js pack env scenario: ${found.skip}`)
const describeNpm = 'skip' in found ? describe.skip : describe

type Outcome = EnvView & { action: string }

/**
 * A Node.js pack with a package.json gets `node.js` and `node.js-20` envs with its dependency installed
 * by real npm, offline: the example pack's postinstall installs a tarball vendored in the pack. The
 * machine's Node is dressed as Node 20 (`--version` answers v20.11.1, everything else runs the real one),
 * so the scenario does not depend on which Node this machine has.
 */
describeNpm.sequential('a Node.js pack with a package.json (real npm, offline)', () => {
  const { node } = found as { node: string }
  let machine: RuntimeMachine
  let env: Record<string, string>
  let pack: string

  async function cli(...argv: string[]): Promise<CapturedIo & { code: number }> {
    const captured = captureIo(env)
    const code = await runCli(['--home', machine.dataHome, ...argv], captured.io, catalogOptions(machine))
    return { ...captured, code }
  }
  const envDir = (name: string): string => join(machine.dataHome, 'runtime_envs', 'nodejs_example', name)

  beforeAll(() => {
    machine = RuntimeMachine.create()
    const real = realpathSync(node)
    for (const name of ['node', 'node20']) {
      machine.script(`bin/${name}`, `case "$1" in --version) echo v20.11.1; exit 0 ;; esac\nexec '${real}' "$@"`)
    }
    // npm's `#!/usr/bin/env node` finds the dressed node first on PATH; sh, mkdir and cp serve the create_command.
    linkTools(machine, ['sh', 'mkdir', 'cp', 'npm'])
    env = machine.env(['bin'])
    pack = machine.path('packs/nodejs_example')
    cpSync(join(EXAMPLE_PACKS_DIR, 'nodejs_example'), pack, { recursive: true })
  })
  afterAll(() => machine?.dispose())

  it(
    'packs add builds node.js and node.js-20 with the dependency in node_modules',
    async () => {
      const run = await cli('packs', 'add', pack, '--json')
      expect(run.stderr()).toContain('[nodejs_example core.nodejs')
      expect(run.code).toBe(0)
      const { envs } = run.json() as { envs: Outcome[] }

      expect(envs.map((e) => [e.dir, e.version, e.status, e.action, e.interpreter, e.error])).toEqual([
        [envDir('node.js'), null, 'ready', 'built', machine.path('bin/node'), null],
        [envDir('node.js-20'), '20', 'ready', 'built', machine.path('bin/node20'), null]
      ])
      const manifestSha = sha256Hex(readFileSync(join(pack, 'package.json')))
      for (const e of envs) {
        expect(e.depsHash).toBe(manifestSha)
        expect(existsSync(join(e.dir, 'node_modules', 'attune-greeting', 'index.js'))).toBe(true)
        const greeting = execFileSync(machine.path('bin/node'), ['-e', 'process.stdout.write(require("attune-greeting").greet("Ada"))'], {
          encoding: 'utf8',
          env: { PATH: env.PATH ?? '', NODE_PATH: join(e.dir, 'node_modules') }
        })
        expect(greeting).toBe('Hello, Ada, from attune-greeting 1.0.0')
      }
      // The pack folder is read-only to setup: npm installed into the env, not next to package.json.
      expect(existsSync(join(pack, 'node_modules'))).toBe(false)
    },
    180_000
  )

  it(
    'a second envs setup builds nothing',
    async () => {
      machine.resetCalls()
      const run = await cli('envs', 'setup', '--json')
      expect(run.code).toBe(0)
      expect((run.json() as { envs: Outcome[] }).envs.map((e) => [e.status, e.action])).toEqual([
        ['ready', 'none'],
        ['ready', 'none']
      ])
      expect(machine.callLog()).toBe('')
    },
    60_000
  )
})
