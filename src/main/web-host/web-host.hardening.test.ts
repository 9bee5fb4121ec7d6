import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordFigure } from '../../../test-support/hardening-figures'
import type { Router } from '../ipc/router'
import { echoRouter, rawStatus, sessionCookie, until } from './test-support/test-host'
import { OPCODE, openTestSocket, type TestSocket } from './test-support/test-socket'
import { startWebHost, type WebHost } from './web-host'

/**
 * The browser host attacked over real TCP (issue 9): request targets that are no URL, with and without an
 * upgrade, a handler that throws, and WebSocket floods (empty continuation frames, oversized messages,
 * clients that never read). The host must answer each and keep serving; memory must stay bounded.
 */
let dir: string
const rendererDir = (): string => join(dir, 'renderer')

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wb-host-hardening-'))
  mkdirSync(rendererDir())
  writeFileSync(join(rendererDir(), 'index.html'), '<h1>workbench</h1>')
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Targets that `new URL(target, base)` refuses: each crashed the host before the fix (finding 1). */
const MALFORMED_TARGETS = ['//[', 'http://[', '//%5B', 'http://[/', '//[::1', 'http://user@[', '//a:b@[x', 'http://localhost:99999/', '//localhost:-1/', 'http://', 'http://%zz/', '//[:::1]/api']
/** Odd but parseable targets: answered with whatever status fits, never a crash. */
const ODD_TARGETS = ['*', '/%', '/%ZZ', '/..%2f..%2fsecret.txt', '/?token=%ZZ', '//localhost/api', 'http://127.0.0.1/api', '/\u00ff\u00fe', `/${'a'.repeat(9000)}`]

function requestText(target: string, port: number, extra: string): string {
  return `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${extra}Connection: close\r\n\r\n`
}

const upgradeHeaders = (port: number, cookie: string): string =>
  `Cookie: ${cookie}\r\nOrigin: http://127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n`

async function stillServes(host: WebHost, cookie: string): Promise<void> {
  expect(await rawStatus(host.port, requestText('/', host.port, `Cookie: ${cookie}\r\n`))).toBe(200)
  const upgrade = await openTestSocket(host.port, { Cookie: cookie })
  if (upgrade.kind !== 'open') throw new Error(`the host refused a good socket: ${upgrade.status}`)
  upgrade.socket.send(JSON.stringify({ id: 1, channel: 'app:info', input: {} }))
  expect(await upgrade.socket.nextJson()).toMatchObject({ id: 1, envelope: { ok: true } })
  upgrade.socket.destroy()
}

describe('requests that try to crash the host', () => {
  it('answers every malformed target 400, with or without an upgrade or a session, and keeps serving', async () => {
    const host = await startWebHost({ rendererDir: rendererDir(), router: echoRouter().router })
    try {
      const cookie = await sessionCookie(host)
      const variants = ['', `Cookie: ${cookie}\r\n`, upgradeHeaders(host.port, cookie), 'Upgrade: websocket\r\nConnection: Upgrade\r\n']
      let sent = 0
      for (const target of MALFORMED_TARGETS) {
        for (const extra of variants) {
          expect(await rawStatus(host.port, requestText(target, host.port, extra)), `${target} with ${JSON.stringify(extra)}`).toBe(400)
          sent++
        }
      }
      for (const target of ODD_TARGETS) {
        for (const extra of variants) {
          const status = await rawStatus(host.port, requestText(target, host.port, extra))
          expect(status, `${target.slice(0, 40)} with ${JSON.stringify(extra)}`).toBeGreaterThanOrEqual(100)
          expect(status, `${target.slice(0, 40)}: the host never fails on a request`).toBeLessThan(500)
          sent++
        }
      }
      await stillServes(host, cookie)
      recordFigure('host-crash-requests', sent, `request targets that are no URL (${MALFORMED_TARGETS.length}, each answered 400) or odd (${ODD_TARGETS.length}), plain, with the session, and as WebSocket upgrades, over raw TCP; the host kept serving`)
    } finally {
      await host.close()
    }
  })

  it('answers 500 and keeps serving when a handler throws (a logger that throws on purpose)', async () => {
    const failing = echoRouter()
    let throwing = true
    const log = (line: string): void => {
      if (throwing) throw new Error(`the logger fails on purpose: ${line}`)
    }
    const host = await startWebHost({ rendererDir: rendererDir(), router: failing.router, log })
    try {
      // Without a session, the request and the upgrade are refused, and the refusal is logged: the log throws.
      expect(await rawStatus(host.port, requestText('/', host.port, ''))).toBe(500)
      expect(await rawStatus(host.port, requestText('/api', host.port, upgradeHeaders(host.port, 'attune_wb_session_1=x')))).toBe(500)
      const cookie = await sessionCookie(host)
      const upgrade = await openTestSocket(host.port, { Cookie: cookie })
      if (upgrade.kind !== 'open') throw new Error('refused')
      // Each message is logged too: the answer is an error envelope, and the socket stays open.
      upgrade.socket.send(JSON.stringify({ id: 5, channel: 'app:info', input: {} }))
      expect(await upgrade.socket.nextJson()).toEqual({ id: 5, envelope: { ok: false, error: { kind: 'internal', message: 'the host failed to handle this message; it keeps serving' } } })
      upgrade.socket.destroy()
      throwing = false
      await stillServes(host, cookie)
    } finally {
      await host.close()
    }
  })

  it('answers an error envelope when the router throws or rejects, though it promises not to', async () => {
    const router: Router = {
      handle: (channel) => {
        if (channel === 'app:info') throw new Error('thrown on purpose')
        return Promise.reject(new Error('rejected on purpose'))
      },
      subscribe: () => () => undefined
    }
    const host = await startWebHost({ rendererDir: rendererDir(), router })
    try {
      const upgrade = await openTestSocket(host.port, { Cookie: await sessionCookie(host) })
      if (upgrade.kind !== 'open') throw new Error('refused')
      upgrade.socket.send(JSON.stringify({ id: 1, channel: 'app:info', input: {} }))
      expect(await upgrade.socket.nextJson()).toEqual({ id: 1, envelope: { ok: false, error: { kind: 'internal', message: 'app:info: thrown on purpose' } } })
      upgrade.socket.send(JSON.stringify({ id: 2, channel: 'runtimes:list', input: {} }))
      expect(await upgrade.socket.nextJson()).toEqual({ id: 2, envelope: { ok: false, error: { kind: 'internal', message: 'runtimes:list: rejected on purpose' } } })
      upgrade.socket.destroy()
    } finally {
      await host.close()
    }
  })
})

/** `gc()` for measuring what stays referenced (the flag can be set at run time; vm hands the function out). */
function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

const MiB = 1024 * 1024

/** Bytes the process holds on to: the heap (queued strings) and buffers. */
function referenced(): number {
  const usage = process.memoryUsage()
  return usage.heapUsed + usage.arrayBuffers
}

describe('WebSocket floods', () => {
  let floods = 0
  afterAll(() => recordFigure('ws-flood-cases', floods, flooded.join('; ')))
  const flooded: string[] = []

  it('closes a socket that sends endless empty continuation frames (1008) or an oversized message (1009)', async () => {
    const echo = echoRouter()
    const host = await startWebHost({ rendererDir: rendererDir(), router: echo.router })
    try {
      const cookie = await sessionCookie(host)
      const open = async (): Promise<TestSocket> => {
        const upgrade = await openTestSocket(host.port, { Cookie: cookie })
        if (upgrade.kind !== 'open') throw new Error('refused')
        return upgrade.socket
      }
      const fragments = await open()
      fragments.sendFrame(OPCODE.text, '', { fin: false })
      const FRAMES = 100_000
      for (let i = 0; i < FRAMES; i++) fragments.sendFrame(OPCODE.continuation, '', { fin: false })
      expect(await fragments.closed).toBe(1008)
      flooded.push(`${FRAMES} empty continuation frames: closed 1008 after 1024`)

      const oversized = await open()
      oversized.ws.send('x'.repeat(9 * MiB))
      expect(await oversized.closed).toBe(1009)
      const fragmented = await open()
      for (let i = 0; i < 9; i++) fragmented.ws.send('x'.repeat(MiB), { fin: false })
      fragmented.ws.send('x', { fin: true })
      expect(await fragmented.closed).toBe(1009)
      flooded.push('a 9 MiB message, whole and in 1 MiB fragments: closed 1009 (cap 8 MiB)')
      floods += 3
      await until(() => echo.listeners.size === 0)
      await stillServes(host, cookie)
    } finally {
      await host.close()
    }
  })

  it('keeps a client that reads a reply larger than the bound followed at once by events', async () => {
    const echo = echoRouter()
    const BIG = 20 * MiB
    const router: Router = {
      handle: async () => {
        setImmediate(() => {
          for (let i = 0; i < 20; i++) echo.emit('log.chunk', { id: 1, stream: 'stdout', text: `line ${i}\n` })
        })
        return { ok: true, value: 'z'.repeat(BIG) }
      },
      subscribe: echo.router.subscribe
    }
    const host = await startWebHost({ rendererDir: rendererDir(), router })
    try {
      const upgrade = await openTestSocket(host.port, { Cookie: await sessionCookie(host) })
      if (upgrade.kind !== 'open') throw new Error('refused')
      upgrade.socket.send(JSON.stringify({ id: 1, channel: 'executions:get', input: { id: 1 } }))
      const reply = (await upgrade.socket.nextJson()) as { envelope: { value: string } }
      expect(reply.envelope.value).toHaveLength(BIG)
      for (let i = 0; i < 20; i++) expect(await upgrade.socket.nextJson()).toMatchObject({ event: 'log.chunk', payload: { text: `line ${i}\n` } })
      expect(echo.listeners.size).toBe(1)
      upgrade.socket.destroy()
      flooded.push('a 20 MiB reply followed at once by events: delivered, the reading client kept')
      floods += 1
    } finally {
      await host.close()
    }
  })

  it('drops clients that never read while events flood, keeps the one that reads, and keeps memory bounded', async () => {
    const gc = collectGarbage()
    const echo = echoRouter()
    const host = await startWebHost({ rendererDir: rendererDir(), router: echo.router })
    const sockets: TestSocket[] = []
    try {
      const cookie = await sessionCookie(host)
      for (let i = 0; i < 21; i++) {
        const upgrade = await openTestSocket(host.port, { Cookie: cookie })
        if (upgrade.kind !== 'open') throw new Error('refused')
        sockets.push(upgrade.socket)
      }
      const [reader, ...stalled] = sockets as [TestSocket, ...TestSocket[]]
      for (const socket of stalled) socket.ws.pause()
      await until(() => echo.listeners.size === 21)
      gc()
      const before = referenced()
      const CHUNK = 'y'.repeat(64 * 1024)
      const EVENTS = 640 // 40 MiB of output, pushed to each of the 21 clients
      let received = 0
      const reading = (async () => {
        for (; received < EVENTS; received++) expect(await reader.nextJson()).toMatchObject({ event: 'log.chunk', payload: { text: CHUNK } })
      })()
      for (let i = 0; i < EVENTS; i++) {
        echo.emit('log.chunk', { id: 1, stream: 'stdout', text: CHUNK })
        await new Promise((resolve) => setImmediate(resolve))
      }
      await reading
      gc()
      const retained = (referenced() - before) / MiB
      expect(echo.listeners.size, 'only the reading client is left').toBe(1)
      expect(retained, 'MiB still referenced after the flood').toBeLessThan(16)
      flooded.push(`20 clients that never read while 40 MiB of events flooded: all 20 dropped, the reading one got all ${EVENTS}; ${retained.toFixed(1)} MiB retained afterwards`)
      floods += 1
    } finally {
      for (const socket of sockets) socket.destroy()
      await host.close()
    }
  }, 60_000)
})
