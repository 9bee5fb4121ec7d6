import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFileLogger, debugEnabled } from '../ipc/file-logger'
import { echoRouter, sessionCookie } from './test-support/test-host'
import { openTestSocket } from './test-support/test-socket'
import { startWebHost, type WebHost } from './web-host'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('browser host', () => {
  let dir: string
  let host: WebHost
  let cookie: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wb-host-'))
    mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true })
    writeFileSync(join(dir, 'renderer', 'index.html'), '<h1>workbench</h1>')
    writeFileSync(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(dir, 'secret.txt'), 'outside the renderer')
    host = await startWebHost({ rendererDir: join(dir, 'renderer') })
  })
  afterAll(async () => {
    await host.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('binds loopback and prints a URL with the token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[\\w-]{20,}$`))
  })

  it('refuses requests without the token cookie', async () => {
    const reply = await get(host.port, '/')
    expect(reply.status).toBe(401)
    expect(reply.body).not.toContain('workbench</h1>')
  })

  it('refuses a wrong token', async () => {
    expect((await get(host.port, '/?token=wrong')).status).toBe(403)
  })

  it('exchanges the token for an HttpOnly SameSite=Strict cookie and then serves the app', async () => {
    const exchange = await get(host.port, `/?token=${host.token}`)
    expect(exchange.status).toBe(303)
    const setCookie = String(exchange.headers['set-cookie'])
    expect(setCookie).toContain('HttpOnly')
    expect(setCookie).toContain('SameSite=Strict')
    cookie = setCookie.split(';')[0] ?? ''
    const page = await get(host.port, '/', { Cookie: cookie })
    expect(page.status).toBe(200)
    expect(page.body).toContain('workbench</h1>')
    const asset = await get(host.port, '/assets/app.js', { Cookie: cookie })
    expect(asset.headers['content-type']).toContain('text/javascript')
  })

  it('refuses a foreign Host header (DNS rebinding) even with the cookie', async () => {
    const reply = await get(host.port, '/', { Cookie: cookie, Host: `evil.example:${host.port}` })
    expect(reply.status).toBe(421)
  })

  it('never serves files outside the renderer folder', async () => {
    const reply = await get(host.port, '/../secret.txt', { Cookie: cookie })
    expect(reply.body).not.toContain('outside the renderer')
    const encoded = await get(host.port, '/%2e%2e/secret.txt', { Cookie: cookie })
    expect(encoded.body).not.toContain('outside the renderer')
  })
})

describe('two browser hosts on one machine', () => {
  it('keep separate sessions: each cookie is named for its port, and a cookie planted for another port is ignored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-hosts-'))
    writeFileSync(join(dir, 'index.html'), '<h1>workbench</h1>')
    const first = await startWebHost({ rendererDir: dir })
    const second = await startWebHost({ rendererDir: dir })
    try {
      // A browser keeps one cookie per name and host name, whatever the port: the jar is that.
      const jar = new Map<string, string>()
      for (const host of [first, second]) {
        const [name, value] = String((await get(host.port, `/?token=${host.token}`)).headers['set-cookie']).split(';')[0]?.split('=') ?? []
        expect(name).toBe(`attune_wb_session_${host.port}`)
        jar.set(name as string, value as string)
      }
      const cookies = [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
      expect((await get(first.port, '/', { Cookie: cookies })).status).toBe(200)
      expect((await get(second.port, '/', { Cookie: cookies })).status).toBe(200)
      // The second host's cookie, planted where the first one looks: refused.
      expect((await get(first.port, '/', { Cookie: `attune_wb_session_${second.port}=${second.token}` })).status).toBe(401)
      expect((await get(first.port, '/', { Cookie: `attune_wb_session_${first.port}=${second.token}` })).status).toBe(401)
    } finally {
      await first.close()
      await second.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the debug log (ATTUNE_WORKBENCH_DEBUG)', () => {
  it('records channel names and redacted inputs, never parameter values or secrets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-log-'))
    writeFileSync(join(dir, 'index.html'), '<h1>workbench</h1>')
    const logFile = join(dir, 'logs', 'web-host.log')
    const echo = echoRouter()
    const host = await startWebHost({ rendererDir: dir, router: echo.router, log: createFileLogger(logFile, debugEnabled({ ATTUNE_WORKBENCH_DEBUG: '1' })) })
    const secret = 'hunter2-secret-value'
    try {
      const upgrade = await openTestSocket(host.port, { Cookie: await sessionCookie(host) })
      if (upgrade.kind !== 'open') throw new Error('refused')
      const calls = [
        { channel: 'executions:start', input: { action: 'demo.hello', parameters: { api_token: secret, name: secret } } },
        { channel: 'matrix:start', input: { action: 'demo.hello', parameters: { password: secret } } },
        { channel: 'executions:rerun', input: { id: 3, secrets: { api_token: secret } } },
        { channel: 'packs:add', input: { dir: '/packs/demo', token: secret } }
      ]
      for (const [i, call] of calls.entries()) {
        upgrade.socket.send(JSON.stringify({ id: i, ...call }))
        await upgrade.socket.nextJson()
      }
      upgrade.socket.destroy()
    } finally {
      await host.close()
    }
    const log = readFileSync(logFile, 'utf8')
    rmSync(dir, { recursive: true, force: true })
    expect(log).not.toContain(secret)
    expect(log).toContain('ws executions:start {"action":"demo.hello","parameters":{"api_token":"***","name":"***"}}')
    expect(log).toContain('ws matrix:start {"action":"demo.hello","parameters":{"password":"***"}}')
    expect(log).toContain('ws executions:rerun {"id":3,"secrets":{"api_token":"***"}}')
    expect(log).toContain('ws packs:add {"dir":"/packs/demo","token":"***"}')
  })
})
