import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
