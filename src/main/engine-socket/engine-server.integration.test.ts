import { spawn } from 'node:child_process'
import { chownSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { captureIo } from '../../../test-support/capture-io'
import { runCli } from '../cli/run-cli'
import { fakeWorkbench } from '../ipc/test-support/fake-workbench'
import { createRouter } from '../ipc/router'
import { apiOverRouter } from '../ipc/router-api'
import { prepareDataHomeSync } from '../core/data-home'
import { WorkbenchError } from '../core/errors'
import { connectEngine } from './engine-client'
import { engineEndpoint, inspectEndpointSync, prepareEndpointDirSync } from './engine-endpoint'
import { createLineReader } from './line-protocol'
import { startEngineServer, type EngineServer } from './engine-server'

let home: string
let server: EngineServer | null = null

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'attune-socket-'))
})
afterEach(async () => {
  await server?.close()
  server = null
  rmSync(home, { recursive: true, force: true })
})

function serve(): Promise<EngineServer> {
  const { workbench } = fakeWorkbench()
  return startEngineServer({ endpoint: engineEndpoint(home), router: createRouter(workbench, { kind: 'cli', version: '0.0.0', startup: () => ({ phase: 'ready', message: 'Ready' }) }) })
}

/** Send raw lines and collect the answer lines until `count` have arrived. */
function exchange(lines: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(engineEndpoint(home))
    let text = ''
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      const got = text.split('\n').filter(Boolean)
      if (got.length >= count) {
        socket.destroy()
        resolve(got)
      }
    })
    socket.on('error', reject)
    socket.write(lines)
  })
}

/** A socket file whose listener was SIGKILLed: what a killed engine leaves behind. */
async function leaveStaleSocket(path: string): Promise<void> {
  const child = spawn(process.execPath, ['-e', `require('node:net').createServer().listen(${JSON.stringify(path)}, () => process.stdout.write('up'))`], { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise((resolve) => child.stdout.once('data', resolve))
  child.kill('SIGKILL')
  await new Promise((resolve) => child.once('exit', resolve))
}

describe('the engine socket', () => {
  it('is a 0600 socket in a 0700 folder of the data home, never TCP', async () => {
    server = await serve()
    expect(server.endpoint).toBe(join(home, 'run', 'engine.sock'))
    expect(statSync(join(home, 'run')).mode & 0o777).toBe(0o700)
    expect(statSync(server.endpoint).isSocket()).toBe(true)
    expect(statSync(server.endpoint).mode & 0o777).toBe(0o600)
    // A data home the workbench creates is the user's alone too.
    prepareDataHomeSync(join(home, 'parent', 'fresh-home'))
    expect(statSync(join(home, 'parent', 'fresh-home')).mode & 0o777).toBe(0o700)
  })

  it('answers contract calls with envelopes and refuses bad input with the schema’s message', async () => {
    server = await serve()
    const connection = await connectEngine(server.endpoint)
    const api = apiOverRouter(connection)
    expect(await api['app:info']({})).toMatchObject({ host: 'cli', home: '/tmp/fake-home' })
    await expect(api['runtimes:setEnabled']({ runtime: 'python', version: '2.7', enabled: false })).rejects.toEqual(new WorkbenchError('bad-input', "Python has no version '2.7' (known versions: 3.12)"))
    await expect(api['executions:get']({ id: -1 } as never)).rejects.toMatchObject({ kind: 'bad-input', message: expect.stringContaining('executions:get: id') })
    connection.close()
  })

  it('logs channel names and redacted inputs only: parameters and secrets never reach its debug log', async () => {
    const lines: string[] = []
    const { workbench } = fakeWorkbench()
    const router = createRouter(workbench, { kind: 'cli', version: '0.0.0', startup: () => ({ phase: 'ready', message: 'Ready' }) })
    server = await startEngineServer({ endpoint: engineEndpoint(home), router, log: (line) => lines.push(line) })
    await exchange(
      `${JSON.stringify({ id: 1, channel: 'executions:start', input: { action: 'p.a', parameters: { token: 's3cr3t-value' } } })}\n` +
        `${JSON.stringify({ id: 2, channel: 'executions:rerun', input: { id: 1, secrets: { token: 's3cr3t-value' } } })}\n`,
      2
    )
    expect(lines.join('\n')).toContain('socket executions:start')
    expect(lines.join('\n')).toContain('socket executions:rerun')
    expect(lines.join('\n')).not.toContain('s3cr3t-value')
  })

  it('drops a client that leaves more than 8 MiB of events unread, and keeps serving the others', async () => {
    const { workbench } = fakeWorkbench()
    server = await startEngineServer({ endpoint: engineEndpoint(home), router: createRouter(workbench, { kind: 'cli', version: '0.0.0', startup: () => ({ phase: 'ready', message: 'Ready' }) }) })
    const stalled = connect(engineEndpoint(home))
    await new Promise((resolve) => stalled.once('connect', resolve))
    stalled.pause()
    const text = 'x'.repeat(64 * 1024)
    const sent = 400 * text.length
    for (let i = 0; i < 400; i++) workbench.events.emit('log.chunk', { id: 1, stream: 'stdout', text })
    // Reading again: the client finds its connection closed after far less than what was sent.
    let received = 0
    stalled.on('data', (chunk: Buffer) => (received += chunk.length))
    const closed = new Promise<boolean>((resolve) => stalled.once('close', () => resolve(true)))
    stalled.resume()
    expect(await Promise.race([closed, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000))])).toBe(true)
    expect(received).toBeLessThan(sent / 2)
    const connection = await connectEngine(server.endpoint)
    expect(await apiOverRouter(connection)['app:info']({})).toMatchObject({ host: 'cli' })
    connection.close()
  })

  it('answers malformed lines without closing the connection', async () => {
    server = await serve()
    const answers = await exchange('not json\n{"id":7}\n{"id":8,"channel":"app:info"}\n', 3)
    expect(answers.map((line) => JSON.parse(line) as unknown)).toEqual([
      { id: null, envelope: { ok: false, error: { kind: 'bad-input', message: 'the message is not JSON' } } },
      { id: 7, envelope: { ok: false, error: { kind: 'bad-input', message: 'the message needs a channel name' } } },
      { id: 8, envelope: { ok: true, value: expect.objectContaining({ host: 'cli' }) } }
    ])
  })

  it('pushes engine events to every client', async () => {
    const { workbench, events } = fakeWorkbench()
    server = await startEngineServer({ endpoint: engineEndpoint(home), router: createRouter(workbench, { kind: 'cli', version: '0', startup: () => ({ phase: 'ready', message: 'Ready' }) }) })
    const clients = await Promise.all([connectEngine(server.endpoint), connectEngine(server.endpoint)])
    await waitUntil(() => server?.connections() === 2)
    const seen = clients.map((client) => new Promise((resolve) => apiOverRouter(client).on('runtime.changed', resolve)))
    events.emit('runtime.changed', { runtime: 'core.python', version: '3.13' })
    expect(await Promise.all(seen)).toEqual([{ runtime: 'core.python', version: '3.13' }, { runtime: 'core.python', version: '3.13' }])
    for (const client of clients) client.close()
    await server.idle()
  })

  it('replaces a stale socket left by a killed engine', async () => {
    const path = engineEndpoint(home)
    await serve().then((first) => first.close())
    await leaveStaleSocket(path)
    await expect(connectEngine(path)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    server = await serve()
    const connection = await connectEngine(path)
    expect(await apiOverRouter(connection)['app:info']({})).toMatchObject({ host: 'cli' })
    connection.close()
  })

  it('refuses a socket owned by another user, neither connecting nor replacing it', async () => {
    server = await serve()
    const path = server.endpoint
    const otherUser = (process.getuid?.() ?? 0) + 1
    expect(inspectEndpointSync(path, otherUser)).toEqual({ refused: expect.stringContaining('belongs to another user') })
    expect(inspectEndpointSync(path)).toBe('ours')
    expect(inspectEndpointSync(join(home, 'absent.sock'))).toBe('absent')
  })

  it('answers pending calls with an environment error when the engine goes away', async () => {
    server = await serve()
    const connection = await connectEngine(server.endpoint, 'the engine stopped')
    const closed = new Promise<void>((resolve) => connection.onClose(resolve))
    await server.close()
    await closed
    expect(await connection.handle('app:info', {})).toEqual({ ok: false, error: { kind: 'environment', message: 'the engine stopped' } })
  })
})

describe('another user’s socket', () => {
  it('is neither replaced by an engine nor used by the CLI', async (context) => {
    if (process.getuid?.() !== 0) context.skip() // Only root can hand a socket to another user here.
    server = await serve()
    const path = server.endpoint
    chownSync(path, 4242, 4242)
    await expect(serve()).rejects.toThrow(/belongs to another user \(uid 4242\)/)
    const captured = captureIo({})
    expect(await runCli(['--home', home, '--json', 'executions', 'list'], captured.io)).toBe(3)
    expect(captured.json()).toEqual({ error: { kind: 'environment', message: `the engine socket ${path} belongs to another user (uid 4242); refusing to talk to it or replace it` } })
  })
})

describe('an engine that accepts but never answers', () => {
  it('gives a CLI command exit 3 in words within seconds, not a hang', async () => {
    const endpoint = engineEndpoint(home)
    prepareEndpointDirSync(endpoint)
    const accepted: import('node:net').Socket[] = []
    const silent = createServer((socket) => void accepted.push(socket))
    await new Promise<void>((resolve) => silent.listen(endpoint, resolve))
    try {
      const captured = captureIo({})
      const started = Date.now()
      expect(await runCli(['--home', home, '--json', 'executions', 'list'], captured.io)).toBe(3)
      expect(Date.now() - started).toBeLessThan(15_000)
      expect(captured.json()).toEqual({ error: { kind: 'environment', message: expect.stringMatching(/accepted the connection but did not answer within 5 s/) } })
    } finally {
      for (const socket of accepted) socket.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  }, 30_000)
})

describe('createLineReader', () => {
  it('hands over whole lines, joins split UTF-8, and gives up on a line past the limit', () => {
    const lines: string[] = []
    const read = createLineReader((line) => lines.push(line), 10)
    const bytes = Buffer.from('{"a":"é"}\n\n{"b":1}\n')
    expect(read(bytes.subarray(0, 8))).toBe(true)
    expect(read(bytes.subarray(8))).toBe(true)
    expect(lines).toEqual(['{"a":"é"}', '{"b":1}'])
    expect(read(Buffer.from('0123456'))).toBe(true)
    expect(read(Buffer.from('789ab'))).toBe(false)
  })
})

describe('engineEndpoint', () => {
  it('is a named pipe derived from the home on Windows', () => {
    const pipe = engineEndpoint('C:\\Users\\ada\\AppData\\Roaming\\attune-workbench', 'win32')
    expect(pipe).toMatch(/^\\\\\.\\pipe\\attune-workbench-[0-9a-f]{24}$/)
    expect(engineEndpoint('c:\\users\\ada\\appdata\\roaming\\attune-workbench', 'win32')).toBe(pipe)
  })
})

async function waitUntil(probe: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !probe(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
}
