import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { systemTool, writePack } from '../../../test-support/env-machine'
import { everyVersion } from '../../../test-support/hardening-kit'
import { RuntimeMachine } from '../../../test-support/runtime-machine'

/**
 * The built command with a real terminal (issue 9, finding 9): under `script` (util-linux), stdin is a
 * pseudo-terminal, so `run` prompts for the secret, and what is typed is not echoed; and with a pipe,
 * `--params -` reads the document. `ps` and the shell history never see the secret.
 */

const BIN = fileURLToPath(new URL('../../../bin/attune-workbench.js', import.meta.url))
const SECRET = 'Zq81xKw-typed-at-the-prompt'
let machine: RuntimeMachine
let env: Record<string, string>

beforeAll(() => {
  machine = RuntimeMachine.create()
  everyVersion(machine)
  writePack(machine, 'tty', {
    'actions/take.yaml': 'ref: tty.take\nrunner_type: shell\nentry_point: take.sh\nparameters:\n  token: {type: string, secret: true, required: true}\n  name: {type: string}\n',
    'actions/take.sh': `cat > '${machine.path('received.json')}'\necho done\n`
  })
  // Only the shell runtime: nothing on this machine is probed.
  env = { ...machine.env(['bin']), ATTUNE_WORKER_RUNTIMES: 'shell', SHELL: systemTool('sh') }
  const added = spawnSync(process.execPath, [BIN, '--home', machine.dataHome, 'packs', 'add', machine.path('packs/tty')], { env, encoding: 'utf8', timeout: 30_000 })
  expect(added.status, added.stderr).toBe(0)
})
afterAll(() => machine?.dispose())

const received = (): unknown => JSON.parse(readFileSync(machine.path('received.json'), 'utf8'))
const quote = (arg: string): string => `'${arg.replace(/'/g, "'\\''")}'`

describe('attune-workbench run on a terminal', () => {
  // util-linux `script` makes the pseudo-terminal; without it the prompt is covered in-process only (parameter-sources.integration.test.ts).
  it.skipIf(!existsSync('/usr/bin/script') && !existsSync('/bin/script'))('prompts for the secret without echo (a real pseudo-terminal through script)', async () => {
    const command = [process.execPath, BIN, '--home', machine.dataHome, 'run', 'tty.take', '-p', 'name=Ada'].map(quote).join(' ')
    const child = spawn(systemTool('script'), ['-qec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] })
    let seen = ''
    let typed = false
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString()
      if (!typed && seen.includes('token (secret, not shown): ')) {
        typed = true
        child.stdin.write(`${SECRET}\r`)
      }
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    child.stdin.destroy()
    expect(typed, seen).toBe(true)
    expect(code, seen).toBe(0)
    expect(seen).toContain('done')
    expect(seen, 'the terminal echoed the secret').not.toContain(SECRET)
    expect(received()).toEqual({ token: SECRET, name: 'Ada' })
  }, 30_000)

  it('reads --params - from a pipe', () => {
    const run = spawnSync(process.execPath, [BIN, '--home', machine.dataHome, 'run', 'tty.take', '--params', '-'], { env, input: JSON.stringify({ token: SECRET, name: 'piped' }), encoding: 'utf8', timeout: 30_000 })
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout + run.stderr).not.toContain(SECRET)
    expect(received()).toEqual({ token: SECRET, name: 'piped' })
  })
})
