import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dataHomeToken, TOKEN_FILE } from './host-token'
import { startWebHost } from './web-host'

let home: string

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'wb-token-'))
})
afterEach(() => rmSync(home, { recursive: true, force: true }))

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = ''
      res.on('data', (chunk: Buffer) => (body += chunk.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('one browser-host token per data home', () => {
  it('is created 0600 once and kept across starts', () => {
    const first = dataHomeToken(home)
    expect(first).toMatch(/^[\w-]{40,}$/)
    expect(statSync(join(home, TOKEN_FILE)).mode & 0o777).toBe(0o600)
    expect(dataHomeToken(home)).toBe(first)
    expect(dataHomeToken(mkdtempSync(join(tmpdir(), 'wb-token-other-')))).not.toBe(first)
  })

  it('replaces a token file others can read, or one that holds no token', () => {
    const first = dataHomeToken(home)
    chmodSync(join(home, TOKEN_FILE), 0o644)
    const second = dataHomeToken(home)
    expect(second).not.toBe(first)
    expect(statSync(join(home, TOKEN_FILE)).mode & 0o777).toBe(0o600)
    writeFileSync(join(home, TOKEN_FILE), 'short\n', { mode: 0o600 })
    expect(dataHomeToken(home)).not.toBe('short')
  })

  it('a host restarted on the same home accepts the URL printed by the previous start', async () => {
    mkdirSync(join(home, 'renderer'))
    writeFileSync(join(home, 'renderer', 'index.html'), '<h1>workbench</h1>')
    const first = await startWebHost({ rendererDir: join(home, 'renderer'), token: dataHomeToken(home) })
    const url = new URL(first.url)
    await first.close()
    const second = await startWebHost({ rendererDir: join(home, 'renderer'), token: dataHomeToken(home) })
    try {
      expect((await get(second.port, url.pathname + url.search)).status).toBe(303)
      expect(readFileSync(join(home, TOKEN_FILE), 'utf8').trim()).toBe(second.token)
    } finally {
      await second.close()
    }
  })

  it('a browser without the token gets a styled page saying how to get the URL; scripts get plain text', async () => {
    mkdirSync(join(home, 'renderer'))
    writeFileSync(join(home, 'renderer', 'index.html'), '<h1>workbench</h1>')
    const host = await startWebHost({ rendererDir: join(home, 'renderer') })
    try {
      const page = await get(host.port, '/', { Accept: 'text/html,application/xhtml+xml' })
      expect(page.status).toBe(401)
      expect(page.type).toBe('text/html; charset=utf-8')
      expect(page.body).toContain('<title>Attune Workbench · no access</title>')
      expect(page.body).toContain('<code>attune-workbench serve</code>')
      expect(page.body).not.toContain('<script')
      const wrong = await get(host.port, '/?token=wrong', { Accept: 'text/html' })
      expect(wrong.status).toBe(403)
      expect(wrong.body).toContain('wrong or expired token')
      const plain = await get(host.port, '/')
      expect(plain.type).toBe('text/plain; charset=utf-8')
      expect(plain.body).toContain('attune-workbench serve')
    } finally {
      await host.close()
    }
  })
})
