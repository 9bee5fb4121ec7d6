import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { echoRouter, sessionCookie, until } from './test-support/test-host'
import { OPCODE, openTestSocket, type TestSocket } from './test-support/test-socket'
import { startWebHost, type WebHost } from './web-host'

/** Close codes of RFC 6455 §7.4.1. */
const CLOSE = { normal: 1000, goingAway: 1001, protocolError: 1002, unsupportedData: 1003, invalidPayload: 1007, tooBig: 1009 } as const

describe('browser host WebSocket', () => {
  let dir: string
  let host: WebHost
  let cookie: string
  const echo = echoRouter()

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wb-socket-'))
    mkdirSync(join(dir, 'renderer'))
    writeFileSync(join(dir, 'renderer', 'index.html'), '<h1>workbench</h1>')
    host = await startWebHost({ rendererDir: join(dir, 'renderer'), router: echo.router, socket: { maxMessageBytes: 4 * 1024 * 1024 } })
    cookie = await sessionCookie(host)
  })
  afterAll(async () => {
    await host.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function open(): Promise<TestSocket> {
    const upgrade = await openTestSocket(host.port, { Cookie: cookie })
    if (upgrade.kind !== 'open') throw new Error(`refused: ${upgrade.status} ${upgrade.body}`)
    return upgrade.socket
  }

  it('refuses upgrades without the session cookie, from a foreign Origin or Host, elsewhere than /api, or of another version', async () => {
    const port = host.port
    const cases: [Record<string, string | undefined>, number, string?][] = [
      [{}, 401],
      [{ Cookie: 'attune_wb_session=wrong' }, 401],
      [{ Cookie: `attune_wb_session_${port}=wrong` }, 401],
      [{ Cookie: cookie, Origin: 'http://evil.example' }, 403],
      [{ Cookie: cookie, Origin: `http://127.0.0.1:${port + 1}` }, 403],
      [{ Cookie: cookie, Origin: undefined }, 403],
      [{ Cookie: cookie, Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` }, 421],
      [{ Cookie: cookie, 'Sec-WebSocket-Version': '8' }, 426],
      [{ Cookie: cookie }, 404, '/elsewhere']
    ]
    for (const [headers, status, path] of cases) {
      const upgrade = await openTestSocket(port, headers, path)
      expect(upgrade.kind === 'refused' && upgrade.status, JSON.stringify(headers)).toBe(status)
    }
  })

  it('accepts the page at localhost as well as 127.0.0.1', async () => {
    const upgrade = await openTestSocket(host.port, { Cookie: cookie, Host: `localhost:${host.port}`, Origin: `http://localhost:${host.port}` })
    expect(upgrade.kind).toBe('open')
    if (upgrade.kind === 'open') upgrade.socket.destroy()
  })

  it('answers {id, channel, input} with {id, envelope}', async () => {
    const socket = await open()
    socket.send(JSON.stringify({ id: 7, channel: 'runtimes:list', input: {} }))
    expect(await socket.nextJson()).toEqual({ id: 7, envelope: { ok: true, value: { channel: 'runtimes:list', size: 2 } } })
    socket.send(JSON.stringify({ id: 8, channel: 'unknown:channel', input: {} }))
    expect(await socket.nextJson()).toMatchObject({ id: 8, envelope: { ok: false, error: { kind: 'bad-input' } } })
    socket.send('not json')
    expect(await socket.nextJson()).toMatchObject({ id: null, envelope: { ok: false, error: { message: 'the message is not JSON' } } })
    socket.destroy()
  })

  it('pushes engine events as {event, payload} and unsubscribes when the socket goes', async () => {
    await until(() => echo.listeners.size === 0) // sockets of earlier tests are gone
    const socket = await open()
    expect(echo.listeners.size).toBe(1)
    echo.emit('log.chunk', { id: 3, stream: 'stdout', text: 'hello\n' })
    expect(await socket.nextJson()).toEqual({ event: 'log.chunk', payload: { id: 3, stream: 'stdout', text: 'hello\n' } })
    socket.destroy()
    await until(() => echo.listeners.size === 0)
  })

  it('with ?log-chunks=read, sends log.chunk only for runs whose log the socket reads, and every other event', async () => {
    await until(() => echo.listeners.size === 0)
    const upgrade = await openTestSocket(host.port, { Cookie: cookie }, '/api?log-chunks=read')
    if (upgrade.kind !== 'open') throw new Error(`refused: ${upgrade.status} ${upgrade.body}`)
    const socket = upgrade.socket
    await until(() => echo.listeners.size === 1)
    const running = { id: 3, action: 'demo.hello', status: 'running', matrixId: null }
    echo.emit('log.chunk', { id: 3, stream: 'stdout', text: 'before the page read this log\n' })
    echo.emit('execution.updated', running)
    expect(await socket.nextJson()).toEqual({ event: 'execution.updated', payload: running })
    socket.send(JSON.stringify({ id: 1, channel: 'executions:log', input: { id: 3, stream: 'stdout', offset: 0 } }))
    expect(await socket.nextJson()).toMatchObject({ id: 1, envelope: { ok: true } })
    echo.emit('log.chunk', { id: 4, stream: 'stdout', text: 'another run\n' })
    echo.emit('log.chunk', { id: 3, stream: 'stderr', text: 'read\n' })
    expect(await socket.nextJson()).toEqual({ event: 'log.chunk', payload: { id: 3, stream: 'stderr', text: 'read\n' } })
    socket.destroy()
  })

  it('assembles fragmented messages, answers pings between fragments, and takes messages of a few MiB', async () => {
    const socket = await open()
    const text = JSON.stringify({ id: 1, channel: 'packs:add', input: { dir: 'x'.repeat(3 * 1024 * 1024) } })
    const third = Math.floor(text.length / 3)
    const pong = new Promise<string>((resolve) => socket.ws.once('pong', (data) => resolve(data.toString())))
    socket.ws.send(text.slice(0, third), { fin: false })
    socket.ws.ping('are you there')
    socket.ws.send(text.slice(third, 2 * third), { fin: false })
    socket.ws.send(text.slice(2 * third), { fin: true })
    expect(await pong).toBe('are you there')
    const reply = await socket.nextJson()
    expect(reply).toEqual({ id: 1, envelope: { ok: true, value: { channel: 'packs:add', size: 3 * 1024 * 1024 + 10 } } })
    socket.destroy()
  })

  it('completes the closing handshake', async () => {
    const socket = await open()
    socket.ws.close(CLOSE.normal)
    expect(await socket.closed).toBe(CLOSE.normal)
  })

  it('closes with the protocol’s code on unmasked frames, binary messages, bad UTF-8 and oversized messages', async () => {
    const unmasked = await open()
    unmasked.sendFrame(OPCODE.text, 'Hello', { mask: false })
    expect(await unmasked.closed).toBe(CLOSE.protocolError)

    const binary = await open()
    binary.ws.send(Buffer.from([1, 2, 3]), { binary: true })
    expect(await binary.closed).toBe(CLOSE.unsupportedData)

    const badText = await open()
    badText.sendFrame(OPCODE.text, Buffer.from([0xc3, 0x28]))
    expect(await badText.closed).toBe(CLOSE.invalidPayload)

    const huge = await open()
    huge.ws.send('x'.repeat(3 * 1024 * 1024), { fin: false })
    huge.ws.send('x'.repeat(2 * 1024 * 1024), { fin: true })
    expect(await huge.closed).toBe(CLOSE.tooBig)

    const orphan = await open()
    orphan.sendFrame(OPCODE.continuation, 'x')
    expect(await orphan.closed).toBe(CLOSE.protocolError)
  })

  it('serves the page with a CSP that allows only its own WebSocket', async () => {
    const csp = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: '/', headers: { Host: `127.0.0.1:${host.port}`, Cookie: cookie } }, (res) => {
        res.resume()
        resolve(String(res.headers['content-security-policy']))
      })
      req.on('error', reject)
      req.end()
    })
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port}`)
    expect(csp.startsWith("default-src 'none'")).toBe(true)
  })
})

describe('browser host shutdown', () => {
  it('closes open sockets with 1001 when the host stops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-socket-'))
    const echo = echoRouter()
    const host = await startWebHost({ rendererDir: dir, router: echo.router })
    const cookie = await sessionCookie(host)
    const upgrade = await openTestSocket(host.port, { Cookie: cookie })
    if (upgrade.kind !== 'open') throw new Error('refused')
    const closing = host.close()
    expect(await upgrade.socket.closed).toBe(CLOSE.goingAway)
    await closing
    rmSync(dir, { recursive: true, force: true })
  })

  it('refuses upgrades when it serves no router', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-socket-'))
    const host = await startWebHost({ rendererDir: dir })
    const upgrade = await openTestSocket(host.port, { Cookie: await sessionCookie(host) })
    expect(upgrade.kind === 'refused' && upgrade.status).toBe(404)
    await host.close()
    rmSync(dir, { recursive: true, force: true })
  })
})
