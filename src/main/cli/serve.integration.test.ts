import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { request } from 'node:http'
import { createServer, type AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { captureIo } from '../../../test-support/capture-io'
import { catalogOptions } from '../../../test-support/env-machine'
import { RuntimeMachine } from '../../../test-support/runtime-machine'
import { rawStatus } from '../web-host/test-support/test-host'
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
    const serve = startServe(['--host', '[::1]'])
    try {
      const printed = await serve.printed
      expect(printed.url).toMatch(/^http:\/\/\[::1\]:\d+\/\?token=[\w-]{20,}$/)
      expect(printed.remote).toBe(false)
      const url = new URL(printed.url)
      const exchange = await get(url, `${url.pathname}${url.search}`)
      expect(exchange.status).toBe(303)
      expect((await get(url, '/', exchange.cookie)).status).toBe(200)
    } finally {
      serve.child.kill('SIGTERM')
    }
    expect(await serve.exited).toBe(0)
  })

  it('answers request targets that are no URL with 400 and keeps running (issue 9, finding 1)', async () => {
    const serve = startServe([])
    try {
      const url = new URL((await serve.printed).url)
      const port = Number(url.port)
      const upgrade = 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n'
      for (const target of ['//[', 'http://[', '//%5B']) {
        for (const extra of ['', upgrade]) {
          expect(await rawStatus(port, `GET ${target} HTTP/1.1\r\nHost: ${url.host}\r\n${extra}\r\n`), `${target} ${extra ? 'as an upgrade' : ''}`).toBe(400)
        }
      }
      expect(serve.child.exitCode).toBeNull()
      expect((await get(url, `${url.pathname}${url.search}`, undefined, '127.0.0.1')).status).toBe(303)
    } finally {
      serve.child.kill('SIGTERM')
    }
    expect(await serve.exited).toBe(0)
  })
})

interface Served {
  readonly child: ChildProcessWithoutNullStreams
  readonly printed: Promise<{ url: string; host: string; remote: boolean }>
  readonly exited: Promise<number | null>
}

/** `serve --port 0 --json` of the built command on the test's home; `printed` is its JSON document. */
function startServe(argv: readonly string[]): Served {
  const child = spawn(process.execPath, [BIN, '--home', machine.dataHome, 'serve', ...argv, '--port', '0', '--json'], {
    env: { HOME: machine.home, PATH: machine.path('tools'), ATTUNE_WORKER_RUNTIMES: '' }
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const printed = new Promise<{ url: string; host: string; remote: boolean }>((resolve, reject) => {
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
  return { child, printed, exited }
}

function get(url: URL, path: string, cookie?: string, address = '::1'): Promise<{ status: number; cookie: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Host: url.host, ...(cookie ? { Cookie: cookie } : {}) }
    const req = request({ host: address, port: Number(url.port), path, headers }, (res) => {
      res.resume()
      resolve({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie'] ?? '').split(';')[0] ?? '' })
    })
    req.on('error', reject)
    req.end()
  })
}
