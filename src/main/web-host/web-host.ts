import { randomBytes } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { networkInterfaces } from 'node:os'
import type { Duplex } from 'node:stream'
import { extname, join, normalize, sep } from 'node:path'
import type { LineLogger } from '../ipc/file-logger'
import type { Router } from '../ipc/router'
import { createApiServer, type ApiServer, type ApiSocketOptions } from './api-server'
import { guard } from './guard'
import { badInput, WorkbenchError } from '../core/errors'
import { API_PATH } from '../../shared/ipc/socket-url'
import {
  bareAddress,
  boundAddress,
  browserContentSecurityPolicy,
  checkHost,
  checkUpgrade,
  hasSession,
  isLoopbackAddress,
  parseTarget,
  sameToken,
  sessionCookieName,
  type BoundAddress,
  type Session
} from './request-guard'

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2'
}

export { API_PATH }

export interface WebHostOptions {
  /** The built renderer (`out/renderer`). */
  readonly rendererDir: string
  readonly port?: number
  /** Loopback (127.0.0.1) unless the user explicitly asks otherwise: see `allowRemote`. `[::1]` is taken as `::1`. */
  readonly host?: string
  /**
   * The user asked to serve beyond this machine (`serve --host ADDR --allow-remote`). Without it any
   * `host` that is not loopback is refused: the token travels over plain HTTP.
   */
  readonly allowRemote?: boolean
  /** The IPC router served over the WebSocket at /api; without it, upgrades are refused. */
  readonly router?: Router
  /** The access token (`dataHomeToken`: one per data home); a fresh random one when absent. */
  readonly token?: string
  readonly socket?: ApiSocketOptions
  /** Debug log: refusals, failures and (redacted) API calls. Expected never to throw; the host survives if it does. */
  readonly log?: LineLogger
}

/** A running browser host. */
export interface WebHost {
  /** The URL to open, carrying the access token. */
  readonly url: string
  readonly port: number
  readonly token: string
  close(): Promise<void>
}

/** What a request is checked against, known once the server listens. */
interface HostState {
  readonly session: Session
  readonly bound: BoundAddress
  readonly rendererDir: string
  readonly api: ApiServer | null
  readonly log: LineLogger
}

/**
 * Serve the renderer and the API to a browser on loopback (DESIGN.md "Hosts"): a fresh random token
 * per start, exchanged for an HttpOnly SameSite=Strict cookie named for the port; requests whose Host is
 * not the bound address are refused (DNS rebinding), and so are WebSocket upgrades from a foreign Origin.
 * No request, however malformed, ends the process: every handler runs behind one guard that logs the
 * failure and answers 500.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = bareAddress(options.host ?? '127.0.0.1')
  if (!isLoopbackAddress(host) && options.allowRemote !== true) {
    throw badInput(
      `refusing to serve on ${host}: the browser host binds loopback (127.0.0.1) only, because its access token travels over plain HTTP. ` +
        'To let other machines connect anyway, pass --allow-remote as well.'
    )
  }
  const token = options.token ?? randomBytes(24).toString('base64url')
  const log = options.log ?? (() => undefined)
  let state: HostState | null = null
  const server = createServer((request, response) => {
    guard(log, `${request.method ?? '?'} request`, () => handle(request, response, listening(state)), () => failRequest(response))
  })
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node's own error handler leaves an upgraded socket: a peer that resets it must not take the host down.
    socket.on('error', () => socket.destroy())
    guard(log, 'upgrade', () => upgrade(request, socket, head, listening(state)), () => refuseUpgrade(socket, 500, 'Internal error; the host keeps serving.'))
  })
  await listen(server, options.port ?? 0, host)
  const api = options.router ? createApiServer(options.router, options.socket, log) : null
  const address = server.address() as AddressInfo
  const bound = boundAddress(address, interfaceAddresses())
  state = { session: { token, cookie: sessionCookieName(address.port) }, bound, rendererDir: options.rendererDir, api, log }
  return {
    url: `http://${[...bound.hosts][0]}/?token=${token}`,
    port: address.port,
    token,
    close: async () => {
      const closing = new Promise<void>((resolve) => server.close(() => resolve()))
      await api?.close()
      server.closeAllConnections()
      await closing
    }
  }
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, port, host)))
    server.listen(port, host, () => resolve())
  })
}

/** Why the host could not listen, in words (the CLI exits 3 on an environment error). */
function listenError(error: NodeJS.ErrnoException, port: number, host: string): Error {
  switch (error.code) {
    case 'EADDRINUSE':
      return new WorkbenchError('environment', `port ${port} is in use on ${host}: stop what listens there, or pick another with --port (0 picks a free one)`)
    case 'EACCES':
      return new WorkbenchError('environment', `not allowed to listen on port ${port} on ${host} (ports below 1024 need privileges); pick another with --port`)
    case 'EADDRNOTAVAIL':
      return new WorkbenchError('environment', `${host} is not an address of this machine; pick one it has with --host`)
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return badInput(`--host ${host} is neither an IP address nor a name this machine resolves`)
    default:
      return error
  }
}

/** This machine's IP addresses (for a wildcard bind). */
function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .filter((entry) => entry.family === 'IPv4' || !entry.address.startsWith('fe80:'))
    .map((entry) => entry.address)
}

function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, state: HostState): void {
  const refusal = upgradeRefusal(request, state)
  if (refusal) {
    state.log(`ws refused (${refusal.status}): ${refusal.message} origin=${request.headers.origin ?? '-'} host=${request.headers.host ?? '-'}`)
    return refuseUpgrade(socket, refusal.status, refusal.message)
  }
  state.api?.accept(request, socket, head)
}

function upgradeRefusal(request: IncomingMessage, state: HostState): { status: number; message: string } | null {
  const url = parseTarget(request.url)
  if (!url) return { status: 400, message: 'Malformed request target.' }
  if (url.pathname !== API_PATH || !state.api) return { status: 404, message: 'No WebSocket here.' }
  return checkUpgrade(request, state.bound, state.session)
}

/** Answer an upgrade request with a plain HTTP error and drop the socket. */
function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = `${message}\n`
  const extra = status === 426 ? 'Sec-WebSocket-Version: 13\r\n' : ''
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n${extra}` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    () => socket.destroy()
  )
}

function handle(request: IncomingMessage, response: ServerResponse, state: HostState): void {
  const url = parseTarget(request.url)
  if (!url) return refuse(response, 400, 'Malformed request target.', state.log)
  if (checkHost(request, state.bound)) return refuse(response, 421, 'This host serves only its own loopback address.', state.log)
  const offered = url.searchParams.get('token')
  if (offered !== null) {
    if (!sameToken(offered, state.session.token)) return refuseBrowser(request, response, 403, 'This link carries a wrong or expired token.', state.log)
    response.writeHead(303, {
      'Set-Cookie': `${state.session.cookie}=${state.session.token}; HttpOnly; SameSite=Strict; Path=/`,
      Location: '/'
    })
    response.end()
    return
  }
  if (!hasSession(request, state.session)) {
    return refuseBrowser(request, response, 401, 'This page needs the access token that comes with its URL.', state.log)
  }
  serveFile(response, state.rendererDir, url.pathname, browserContentSecurityPolicy(state.bound))
}

function serveFile(response: ServerResponse, root: string, pathname: string, csp: string): void {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return refuse(response, 400, 'Malformed path.')
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '')
  const file = join(root, relative === '' ? 'index.html' : relative)
  if (!file.startsWith(root + sep) && file !== root) return refuse(response, 404, 'Not found.')
  const target = existsSync(file) && statSync(file).isFile() ? file : join(root, 'index.html')
  if (!existsSync(target)) return refuse(response, 500, `The renderer is not built (${root}); run npm run build.`)
  response.writeHead(200, {
    'Content-Type': MIME[extname(target)] ?? 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': csp,
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer'
  })
  // A file that vanishes or cannot be read after the checks above fails the response, not the host.
  createReadStream(target)
    .on('error', () => response.destroy())
    .pipe(response)
}

function refuse(response: ServerResponse, status: number, message: string, log?: LineLogger): void {
  log?.(`http ${status}: ${message}`)
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' })
  response.end(`${message}\n`)
}

/**
 * A refusal a person may be looking at: a styled page saying how to get in when the browser asked for a
 * page, plain text otherwise. The page has no script and loads nothing.
 */
function refuseBrowser(request: IncomingMessage, response: ServerResponse, status: 401 | 403, message: string, log: LineLogger): void {
  const wantsPage = /\btext\/html\b/.test(request.headers.accept ?? '')
  if (!wantsPage) return refuse(response, status, `${message} Open the URL printed by \`attune-workbench serve\` (it carries the access token).`, log)
  log(`http ${status}: ${message}`)
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store'
  })
  response.end(noAccessPage(message))
}

function noAccessPage(message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Attune Workbench · no access</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;background:#f6f7f9;color:#1d2330;display:grid;place-items:center;min-height:100vh;margin:0}
main{background:#fff;border:1px solid #dde1e8;border-radius:10px;padding:28px 32px;max-width:560px;box-shadow:0 2px 8px #0001}
h1{font-size:18px;margin:0 0 8px}code{background:#eef1f5;padding:1px 5px;border-radius:4px}
ol{padding-left:20px}
</style></head>
<body><main>
<h1>Attune Workbench: no access</h1>
<p>${message}</p>
<ol>
<li>In a terminal, run <code>attune-workbench serve</code> (or <code>npm start</code> in a checkout without Electron).</li>
<li>Open the URL it prints: it ends in <code>?token=…</code>. The token is kept with the data home, so that URL and your bookmarks of it keep working after a restart.</li>
</ol>
</main></body></html>
`
}

/** The guard's answer to a request whose handler threw. */
function failRequest(response: ServerResponse): void {
  if (response.headersSent) return void response.destroy()
  refuse(response, 500, 'Internal error; the host keeps serving.')
}

function listening(state: HostState | null): HostState {
  if (!state) throw new Error('a request arrived before the host knew its address')
  return state
}
