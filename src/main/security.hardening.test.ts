import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captureIo } from '../../test-support/capture-io'
import { catalogOptions, writePack } from '../../test-support/env-machine'
import { recordFigure } from '../../test-support/hardening-figures'
import { everyFileText, everyStoredText, everyVersion, recordedEnvs } from '../../test-support/hardening-kit'
import { RuntimeMachine } from '../../test-support/runtime-machine'
import { runCli } from './cli/run-cli'
import { WorkbenchError } from './core/errors'
import { openWorkbench } from './core/workbench'
import type { Router } from './ipc/router'
import { rawStatus } from './web-host/test-support/test-host'
import { openTestSocket } from './web-host/test-support/test-socket'
import { startWebHost, type WebHost } from './web-host/web-host'

/**
 * Security (issue 6): what the workbench's own environment holds never reaches a child process; secret
 * parameters never reach the database, the logs, results or the CLI's output; the browser host lets
 * nobody in without the token, from another origin, under another Host name, or beyond loopback unless
 * asked. Every check made is counted for the report.
 */
let checks = 0
const checked = (count = 1): void => void (checks += count)
afterAll(() => recordFigure('security-checks', checks, 'canary and secret scans, browser host refusals and bind checks (Electron settings: src/main/electron/security.test.ts; electronegativity: npm run electronegativity)'))

// In the engine's env option, and in this process's own environment (what a spawn without `env` would inherit).
const OPTION_CANARIES = { WB_OPTION_CANARY: 'canary-option-5d1e', ATTUNE_API_TOKEN: 'canary-api-token-77', ATTUNE__SECURITY__JWT_SECRET: 'canary-jwt-9c4a', AWS_SECRET_ACCESS_KEY: 'canary-aws-31f0' }
const PROCESS_CANARY = { name: 'WB_PROCESS_CANARY', value: 'canary-process-e8b2' }
const canaryValues = [...Object.values(OPTION_CANARIES), PROCESS_CANARY.value]

/** The secret: quotes and a backslash, so every escaping of it is tried; its core marks any leak. */
const CORE = 'Zq81xKw'
const SECRET = `${CORE}-"dq"-\\bs-'sq'-end`

const ENV_DUMP = 'echo "=== action $0"\nprintenv\n'
const secretAction = (name: string, script: string, extra: string): Record<string, string> => ({
  [`actions/${name}.yaml`]: `ref: sec.${name}
runner_type: shell
entry_point: ${name}.sh
${extra}parameters:
  token: {type: string, secret: true, required: true}
  note: {type: string, default: visible-note}
  pin: {type: integer, secret: true}
`,
  [`actions/${name}.sh`]: script
})

let machine: RuntimeMachine

beforeAll(() => {
  machine = RuntimeMachine.create()
  everyVersion(machine, { recordEnv: true })
  writePack(machine, 'sec', {
    'requirements.txt': 'fake==1\n',
    'actions/env_py.yaml': 'ref: sec.env_py\nrunner_type: python\nentry_point: env_py.py\n',
    'actions/env_py.py': ENV_DUMP,
    'actions/env_js.yaml': 'ref: sec.env_js\nrunner_type: nodejs\nentry_point: env_js.js\n',
    'actions/env_js.js': ENV_DUMP,
    'actions/env_sh.yaml': 'ref: sec.env_sh\nrunner_type: shell\nentry_point: env_sh.sh\n',
    'actions/env_sh.sh': ENV_DUMP,
    // Each echoes its whole parameter document (with the secret, escaped as its format escapes it) to
    // stdout and stderr; the json one also returns it as its result.
    ...secretAction('echo_json', 'doc=$(cat)\necho "stdout: $doc"\necho "stderr: $doc" >&2\nprintf \'{"doc": %s}\\n\' "$doc"\n', 'output_format: json\n'),
    ...secretAction('echo_dotenv', 'doc=$(cat)\necho "$doc"\necho "$doc" >&2\n', 'parameter_format: dotenv\n'),
    ...secretAction('echo_yaml', 'doc=$(cat)\necho "$doc"\necho "$doc" >&2\n', 'parameter_format: yaml\n'),
    ...secretAction('echo_file', 'cat "$ATTUNE_PARAMETER_FILE"\necho\nprintenv\n', 'parameter_delivery: file\n'),
    ...secretAction('fails', 'doc=$(cat)\necho "refused: $doc" >&2\nexit 4\n', '')
  })
})
afterAll(() => machine?.dispose())

function withProcessCanary<T>(fn: () => Promise<T>): Promise<T> {
  process.env[PROCESS_CANARY.name] = PROCESS_CANARY.value
  return fn().finally(() => delete process.env[PROCESS_CANARY.name])
}

describe('a canary in the workbench’s environment', () => {
  it('never reaches a verification probe, a setup command or an action (engine and CLI)', async () => {
    const env = machine.env(['bin'], OPTION_CANARIES)
    const options = catalogOptions(machine)
    const outputs: string[] = []
    await withProcessCanary(async () => {
      const wb = openWorkbench({ home: machine.dataHome, env, ...options })
      try {
        const registered = await wb.lifecycle.register(machine.path('packs/sec'))
        expect(registered.envs.map((e) => e.status)).toEqual(['ready', 'ready', 'ready', 'ready', 'ready', 'ready', 'ready', 'ready'])
        for (const action of ['sec.env_py', 'sec.env_js', 'sec.env_sh']) {
          const run = await wb.executions.run(action, {})
          expect(run.status).toBe('completed')
          outputs.push(run.stdout)
        }
        const matrix = await wb.matrix.run('sec.env_js', {})
        outputs.push(...matrix.runs.map((run) => run.stdout))
      } finally {
        wb.close()
      }
      for (const argv of [['runtimes', 'verify'], ['envs', 'rebuild', 'sec', 'python', '3.12'], ['run', 'sec.env_py', '--json']]) {
        const captured = captureIo(env)
        expect(await runCli(['--home', machine.dataHome, ...argv], captured.io, options)).toBe(0)
        outputs.push(captured.stdout(), captured.stderr())
      }
    })

    const seen = recordedEnvs(machine)
    const invocations = seen.split('\n').filter((line) => line.startsWith('=== '))
    // All three kinds of child were recorded: probes, setup commands and actions.
    expect(invocations.some((line) => line.endsWith(' --version'))).toBe(true)
    expect(invocations.some((line) => line.includes(' -m venv '))).toBe(true)
    expect(invocations.some((line) => line.includes(' -m pip install '))).toBe(true)
    expect(outputs.filter((text) => text.includes('=== action')).length).toBeGreaterThanOrEqual(7)
    for (const value of canaryValues) {
      expect(seen, `canary ${value} in a child's environment`).not.toContain(value)
      for (const text of outputs) expect(text).not.toContain(value)
    }
    expect(seen).not.toMatch(/^(WB_OPTION_CANARY|WB_PROCESS_CANARY|ATTUNE__SECURITY__JWT_SECRET|AWS_SECRET_ACCESS_KEY|ATTUNE_API_TOKEN)=/m)
    checked(invocations.length + outputs.length)
  })
})

describe('secret parameters', () => {
  it('never reach the database, the logs, results, events or the CLI output, even when the action echoes them', async () => {
    const env = machine.env(['bin'])
    const options = catalogOptions(machine)
    const outputs: string[] = []
    const cli = async (...argv: string[]): Promise<{ code: number; out: string }> => {
      const captured = captureIo(env)
      const code = await runCli(['--home', machine.dataHome, ...argv], captured.io, options)
      outputs.push(captured.stdout(), captured.stderr())
      return { code, out: captured.stdout() + captured.stderr() }
    }
    const wb = openWorkbench({ home: machine.dataHome, env, ...options })
    const events: string[] = []
    wb.events.on('log.chunk', (chunk) => events.push(chunk.text))
    wb.events.on('execution.updated', (update) => events.push(JSON.stringify(update)))
    const ids: number[] = []
    try {
      await wb.lifecycle.register(machine.path('packs/sec'))
      for (const name of ['echo_json', 'echo_dotenv', 'echo_yaml', 'echo_file', 'fails']) {
        const run = await wb.executions.run(`sec.${name}`, { token: SECRET, pin: 4242 })
        ids.push(run.id)
        expect(run.status).toBe(name === 'fails' ? 'failed' : 'completed')
        outputs.push(JSON.stringify(run))
      }
      // The action did see the value: what it echoed was masked, not missing.
      expect(wb.executions.get(ids[1] as number).stdout).toContain("token='***'")
      expect(wb.executions.get(ids[0] as number).result).toMatchObject({ doc: { token: '***', note: 'visible-note', pin: '***' } })
      const again = wb.executions.rerun(ids[0] as number, { token: SECRET })
      outputs.push(JSON.stringify(await wb.executions.wait(again.id)), JSON.stringify(wb.executions.list()))
    } finally {
      wb.close()
    }

    for (const name of ['echo_json', 'echo_dotenv']) {
      expect((await cli('run', `sec.${name}`, '-p', `token=${SECRET}`)).code).toBe(0)
      expect((await cli('run', `sec.${name}`, '-p', `token=${SECRET}`, '--json')).code).toBe(0)
    }
    expect((await cli('run', 'sec.fails', '--params', JSON.stringify({ token: SECRET }))).code).toBe(1)
    for (const id of ids) {
      await cli('executions', 'show', String(id))
      await cli('executions', 'show', String(id), '--json')
      await cli('logs', String(id))
    }
    await cli('executions', 'list', '--json', '--limit', '100')
    // Refused input never echoes a secret either: malformed JSON, a wrong type, a value too large.
    expect((await cli('run', 'sec.echo_json', '--params', `{"token": ${SECRET}}`)).code).toBe(2)
    expect((await cli('run', 'sec.echo_json', '-p', `token=${SECRET}`, '-p', `pin=${CORE}`)).code).toBe(2)
    expect((await cli('run', 'sec.echo_json', '--params', JSON.stringify({ token: SECRET, pin: CORE }))).code).toBe(2)
    expect((await cli('run', 'sec.echo_json', '--params', JSON.stringify({ token: `${SECRET}${'x'.repeat(1024 * 1024)}` }), '--json')).code).toBe(2)

    const places: Record<string, string> = {
      database: everyStoredText(join(machine.dataHome, 'workbench.db')),
      'files in the data home': everyFileText(machine.dataHome),
      'engine events': events.join('\n'),
      'CLI output and run views': outputs.join('\n')
    }
    for (const [place, text] of Object.entries(places)) {
      expect(text.length, place).toBeGreaterThan(0)
      expect(text, `the secret in ${place}`).not.toContain(CORE)
      expect(text, `the secret pin in ${place}`).not.toContain('4242')
      checked()
    }
    expect(places['files in the data home']).toContain("token='***'")
    checked(outputs.length)
  })
})

describe('the browser host', () => {
  let host: WebHost
  let cookie: string
  const router: Router = { handle: async () => ({ ok: true, value: null }), subscribe: () => () => undefined }

  beforeAll(async () => {
    const rendererDir = machine.path('renderer')
    mkdirSync(rendererDir, { recursive: true })
    writeFileSync(join(rendererDir, 'index.html'), '<h1>workbench</h1>')
    host = await startWebHost({ rendererDir, router })
    cookie = (await get(host.port, `/?token=${host.token}`)).setCookie
  })
  afterAll(async () => host?.close())

  it('refuses HTTP without the token, with a wrong token or cookie, and under any Host but its own (DNS rebinding)', async () => {
    const port = host.port
    const cases: [string, string, Record<string, string>, number][] = [
      ['no token', '/', {}, 401],
      ['wrong token', '/?token=wrong', {}, 403],
      ['token of another start', `/?token=${host.token.slice(0, -2)}xx`, {}, 403],
      ['wrong cookie', '/', { Cookie: 'attune_wb_session=wrong' }, 401],
      ['foreign Host with the cookie', '/', { Cookie: cookie, Host: `evil.example:${port}` }, 421],
      ['foreign Host with the token', `/?token=${host.token}`, { Host: `evil.example:${port}` }, 421],
      ['a name that merely starts like ours', '/', { Cookie: cookie, Host: `localhost.evil.example:${port}` }, 421],
      ['our address on another port', '/', { Cookie: cookie, Host: `127.0.0.1:${port + 1}` }, 421],
      ['our address without the port', '/', { Cookie: cookie, Host: '127.0.0.1' }, 421]
    ]
    for (const [what, path, headers, status] of cases) {
      const reply = await get(port, path, headers)
      expect(reply.status, what).toBe(status)
      expect(reply.body, what).not.toContain('workbench</h1>')
      checked()
    }
    expect(await rawStatus(port, `GET / HTTP/1.0\r\nCookie: ${cookie}\r\n\r\n`), 'no Host at all').toBe(421)
    expect((await get(port, '/', { Cookie: cookie })).status).toBe(200)
    checked(2)
  })

  it('refuses WebSocket upgrades without the session, from a foreign Origin, or under a foreign Host', async () => {
    const port = host.port
    const cases: [string, Record<string, string | undefined>, number][] = [
      ['no cookie', {}, 401],
      ['wrong cookie', { Cookie: 'attune_wb_session=wrong' }, 401],
      ['foreign Origin', { Cookie: cookie, Origin: 'http://evil.example' }, 403],
      ['foreign Origin on our port', { Cookie: cookie, Origin: `http://evil.example:${port}` }, 403],
      ['Origin null (sandboxed frame, file://)', { Cookie: cookie, Origin: 'null' }, 403],
      ['no Origin', { Cookie: cookie, Origin: undefined }, 403],
      ['our address on another port', { Cookie: cookie, Origin: `http://127.0.0.1:${port + 1}` }, 403],
      ['https Origin', { Cookie: cookie, Origin: `https://127.0.0.1:${port}` }, 403],
      ['rebound Host and Origin', { Cookie: cookie, Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` }, 421],
      ['rebound Host, our Origin', { Cookie: cookie, Host: `evil.example:${port}` }, 421]
    ]
    for (const [what, headers, status] of cases) {
      const upgrade = await openTestSocket(port, headers)
      if (upgrade.kind === 'open') upgrade.socket.destroy()
      expect(upgrade.kind === 'refused' && upgrade.status, what).toBe(status)
      checked()
    }
    const open = await openTestSocket(port, { Cookie: cookie })
    expect(open.kind).toBe('open')
    if (open.kind === 'open') open.socket.destroy()
    checked()
  })

  it('binds loopback only unless remote access is asked for explicitly', async () => {
    const refused: unknown[] = []
    for (const bind of ['0.0.0.0', '::', '192.0.2.10', 'example.com']) {
      try {
        const opened = await startWebHost({ rendererDir: machine.path('renderer'), router, host: bind })
        await opened.close()
      } catch (error) {
        refused.push(error)
      }
    }
    expect(refused).toHaveLength(4)
    for (const error of refused) {
      expect(error).toBeInstanceOf(WorkbenchError)
      expect((error as WorkbenchError).kind).toBe('bad-input')
      expect((error as WorkbenchError).message).toMatch(/^refusing to serve on .*: the browser host binds loopback \(127\.0\.0\.1\) only.*--allow-remote/)
    }
    checked(4)

    // Asked for: it listens on every interface, yet still answers only to this machine's own addresses.
    const remote = await startWebHost({ rendererDir: machine.path('renderer'), router, host: '0.0.0.0', allowRemote: true })
    try {
      const remoteCookie = (await get(remote.port, `/?token=${remote.token}`)).setCookie
      expect((await get(remote.port, '/', { Cookie: remoteCookie })).status).toBe(200)
      expect((await get(remote.port, '/', { Cookie: remoteCookie, Host: `evil.example:${remote.port}` })).status).toBe(421)
      expect((await get(remote.port, '/', { Cookie: remoteCookie, Host: `203.0.113.7:${remote.port}` })).status).toBe(421)
      checked(3)
    } finally {
      await remote.close()
    }
  })

  it('serve refuses a non-loopback --host without --allow-remote: exit 2 and why', async () => {
    for (const bind of ['0.0.0.0', '192.0.2.10']) {
      const captured = captureIo(machine.env(['bin']))
      const code = await runCli(['--home', machine.dataHome, 'serve', '--host', bind], captured.io, catalogOptions(machine))
      expect(code).toBe(2)
      expect(captured.stderr()).toBe(`error: --host ${bind} would let other machines reach the workbench, and its access token travels over plain HTTP; pass --allow-remote as well if that is what you want\n`)
      expect(captured.stdout()).toBe('')
      checked()
    }
  })
})

interface Reply {
  readonly status: number
  readonly body: string
  readonly setCookie: string
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, setCookie: String(res.headers['set-cookie'] ?? '').split(';')[0] ?? '' }))
    })
    req.on('error', reject)
    req.end()
  })
}
