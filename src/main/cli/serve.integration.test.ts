import { spawn } from 'node:child_process'
import { request } from 'node:http'
import { createServer, type AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { captureIo } from '../../../test-support/capture-io'
import { catalogOptions } from '../../../test-support/env-machine'
import { RuntimeMachine } from '../../../test-support/runtime-machine'
import { runCli } from './run-cli'

// The command as installed: bin/attune-workbench.js loads the built out/main/cli.js (npx electron-vite build).
const BIN = fileURLToPath(new URL('../../../bin/attune-workbench.js', import.meta.url))

let machine: RuntimeMachine

beforeEach(() => {
  machine = RuntimeMachine.create()
})
afterEach(() => {
  machine.dispose()
})

describe('serve', () => {
  it('exits 3 saying the port is in use when something else listens there', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as AddressInfo).port
    try {
      const text = captureIo(machine.env(['bin']))
      expect(await runCli(['--home', machine.dataHome, 'serve', '--port', String(port)], text.io, catalogOptions(machine))).toBe(3)
      expect(text.stderr()).toBe(`error: port ${port} is in use on 127.0.0.1: stop what listens there, or pick another with --port (0 picks a free one)\n`)
      expect(text.stdout()).toBe('')
      const json = captureIo(machine.env(['bin']))
      expect(await runCli(['--home', machine.dataHome, '--json', 'serve', '--port', String(port)], json.io, catalogOptions(machine))).toBe(3)
      expect(json.json()).toEqual({ error: { kind: 'environment', message: expect.stringMatching(new RegExp(`^port ${port} is in use`)) } })
    } finally {
      blocker.close()
    }
  })

  it('serves on --host "[::1]" (IPv6 loopback as written in a URL) and prints a URL that works', async () => {
    const child = spawn(process.execPath, [BIN, '--home', machine.dataHome, 'serve', '--host', '[::1]', '--port', '0', '--json'], {
      env: { HOME: machine.home, PATH: machine.path('tools'), ATTUNE_WORKER_RUNTIMES: '' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    try {
      let stdout = ''
      let stderr = ''
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      const printed = await new Promise<{ url: string; host: string; remote: boolean }>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString()
          try {
            resolve(JSON.parse(stdout) as { url: string; host: string; remote: boolean })
          } catch {
            // Not the whole document yet.
          }
        })
        void exited.then((code) => reject(new Error(`serve exited ${code}: ${stderr}`)))
      })
      expect(printed.url).toMatch(/^http:\/\/\[::1\]:\d+\/\?token=[\w-]{20,}$/)
      expect(printed.remote).toBe(false)
      const url = new URL(printed.url)
      const exchange = await get(url, `${url.pathname}${url.search}`)
      expect(exchange.status).toBe(303)
      expect((await get(url, '/', exchange.cookie)).status).toBe(200)
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
  })
})

function get(url: URL, path: string, cookie?: string): Promise<{ status: number; cookie: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Host: url.host, ...(cookie ? { Cookie: cookie } : {}) }
    const req = request({ host: '::1', port: Number(url.port), path, headers }, (res) => {
      res.resume()
      resolve({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie'] ?? '').split(';')[0] ?? '' })
    })
    req.on('error', reject)
    req.end()
  })
}
