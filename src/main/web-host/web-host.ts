import { randomBytes } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { networkInterfaces } from 'node:os'
import type { Duplex } from 'node:stream'
import { extname, join, normalize, sep } from 'node:path'
import type { LineLogger } from '../ipc/file-logger'
import type { Router } from '../ipc/router'
import { serveRouterOverSocket } from './api-socket'
import { badInput } from '../core/errors'
import { boundAddress, browserContentSecurityPolicy, checkHost, checkUpgrade, hasSession, isLoopbackAddress, SESSION_COOKIE, sameToken, type BoundAddress } from './request-guard'
import { WebSocketConnection, type WebSocketConnectionOptions } from './websocket-connection'
import { acceptHandshake, handshakeProblem, refuseHandshake } from './websocket-upgrade'

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2'
}

/** Where the page's WebSocket connects. */
export const API_PATH = '/api'

export interface WebHostOptions {
  /** The built renderer (`out/renderer`). */
  readonly rendererDir: string
  readonly port?: number
  /** Loopback (127.0.0.1) unless the user explicitly asks otherwise: see `allowRemote`. */
  readonly host?: string
  /**
   * The user asked to serve beyond this machine (`serve --host ADDR --allow-remote`). Without it any
   * `host` that is not loopback is refused: the token travels over plain HTTP.
   */
  readonly allowRemote?: boolean
  /** The IPC router served over the WebSocket at /api; without it, upgrades are refused. */
  readonly router?: Router
  readonly socket?: WebSocketConnectionOptions
  readonly log?: LineLogger
}

/** A running browser host. */
export interface WebHost {
  /** The URL to open, carrying the one-time token. */
  readonly url: string
  readonly port: number
  readonly token: string
  close(): Promise<void>
}

/**
 * Serve the renderer and the API to a browser on loopback (DESIGN.md "Hosts"): a fresh random token
 * per start, exchanged for an HttpOnly SameSite=Strict cookie; requests whose Host is not the bound
 * address are refused (DNS rebinding), and so are WebSocket upgrades from a foreign Origin.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1'
  if (!isLoopbackAddress(host) && options.allowRemote !== true) {
    throw badInput(
      `refusing to serve on ${host}: the browser host binds loopback (127.0.0.1) only, because its access token travels over plain HTTP. ` +
        'To let other machines connect anyway, pass --allow-remote as well.'
    )
  }
  const token = randomBytes(24).toString('base64url')
  const log = options.log ?? (() => undefined)
  const connections = new Set<WebSocketConnection>()
  let bound: BoundAddress = { hosts: new Set(), origins: new Set() }
  const server = createServer((request, response) => handle(request, response, { token, rendererDir: options.rendererDir, bound }))
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = upgradeRefusal(request, bound, token, options.router !== undefined)
    if (refusal) {
      log(`ws refused (${refusal.status}): ${refusal.message} origin=${request.headers.origin ?? '-'} host=${request.headers.host ?? '-'}`)
      return refuseHandshake(socket, refusal.status, refusal.message)
    }
    acceptHandshake(request, socket)
    const connection = new WebSocketConnection(socket, options.socket)
    connections.add(connection)
    connection.onClose(() => connections.delete(connection))
    serveRouterOverSocket(connection, options.router as Router, log)
    if (head.length > 0) connection.receive(head)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const address = server.address() as AddressInfo
  bound = boundAddress(address, interfaceAddresses())
  return {
    url: `http://${[...bound.hosts][0]}/?token=${token}`,
    port: address.port,
    token,
    close: () =>
      new Promise((resolve) => {
        for (const connection of connections) connection.close(1001, 'the workbench is shutting down')
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

/** This machine's IP addresses (for a wildcard bind). */
function interfaceAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((entries) => entries ?? [])
    .filter((entry) => entry.family === 'IPv4' || !entry.address.startsWith('fe80:'))
    .map((entry) => entry.address)
}

function upgradeRefusal(request: IncomingMessage, bound: BoundAddress, token: string, hasRouter: boolean): { status: number; message: string } | null {
  const url = new URL(request.url ?? '/', 'http://localhost')
  if (url.pathname !== API_PATH || !hasRouter) return { status: 404, message: 'No WebSocket here.' }
  return checkUpgrade(request, bound, token) ?? handshakeProblem(request)
}

function handle(request: IncomingMessage, response: ServerResponse, context: { token: string; rendererDir: string; bound: BoundAddress }): void {
  if (checkHost(request, context.bound)) return refuse(response, 421, 'This host serves only its own loopback address.')
  const url = new URL(request.url ?? '/', 'http://localhost')
  const offered = url.searchParams.get('token')
  if (offered !== null) {
    if (!sameToken(offered, context.token)) return refuse(response, 403, 'Wrong or expired token: use the URL printed by the last start.')
    response.writeHead(303, {
      'Set-Cookie': `${SESSION_COOKIE}=${context.token}; HttpOnly; SameSite=Strict; Path=/`,
      Location: '/'
    })
    response.end()
    return
  }
  if (!hasSession(request, context.token)) {
    return refuse(response, 401, 'Open the URL printed by `attune-workbench serve` (it carries the access token).')
  }
  serveFile(response, context.rendererDir, url.pathname, browserContentSecurityPolicy(context.bound))
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
  createReadStream(target).pipe(response)
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' })
  response.end(`${message}\n`)
}
