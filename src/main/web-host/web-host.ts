import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'

const COOKIE = 'attune_wb_session'
const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2'
}

export interface WebHostOptions {
  /** The built renderer (`out/renderer`). */
  readonly rendererDir: string
  readonly port?: number
  /** Only loopback unless the user explicitly asks otherwise. */
  readonly host?: string
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
 * Serve the renderer to a browser on loopback (DESIGN.md "Hosts"): a fresh random token per start,
 * exchanged for an HttpOnly SameSite=Strict cookie; requests whose Host is not the bound address
 * are refused (DNS rebinding).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1'
  const token = randomBytes(24).toString('base64url')
  const server = createServer((request, response) => handle(request, response, { token, rendererDir: options.rendererDir, allowedHosts: allowed(server) }))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${host}:${port}/?token=${token}`,
    port,
    token,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}

function allowed(server: Server): () => Set<string> {
  return () => {
    const address = server.address() as AddressInfo | null
    if (!address) return new Set()
    return new Set([`${address.address}:${address.port}`, `localhost:${address.port}`])
  }
}

function handle(
  request: IncomingMessage,
  response: ServerResponse,
  context: { token: string; rendererDir: string; allowedHosts: () => Set<string> }
): void {
  if (!request.headers.host || !context.allowedHosts().has(request.headers.host)) {
    return refuse(response, 421, 'This host serves only its own loopback address.')
  }
  const url = new URL(request.url ?? '/', 'http://localhost')
  const offered = url.searchParams.get('token')
  if (offered !== null) {
    if (!sameToken(offered, context.token)) return refuse(response, 403, 'Wrong or expired token: use the URL printed by the last start.')
    response.writeHead(303, {
      'Set-Cookie': `${COOKIE}=${context.token}; HttpOnly; SameSite=Strict; Path=/`,
      Location: '/'
    })
    response.end()
    return
  }
  if (!sameToken(readCookie(request.headers.cookie, COOKIE) ?? '', context.token)) {
    return refuse(response, 401, 'Open the URL printed by `attune-workbench serve` (it carries the access token).')
  }
  serveFile(response, context.rendererDir, url.pathname)
}

function serveFile(response: ServerResponse, root: string, pathname: string): void {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '')
  const file = join(root, relative === '' ? 'index.html' : relative)
  if (!file.startsWith(root + sep) && file !== root) return refuse(response, 404, 'Not found.')
  const target = existsSync(file) && statSync(file).isFile() ? file : join(root, 'index.html')
  if (!existsSync(target)) return refuse(response, 500, `The renderer is not built (${root}); run npm run build.`)
  response.writeHead(200, {
    'Content-Type': MIME[extname(target)] ?? 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store'
  })
  createReadStream(target).pipe(response)
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' })
  response.end(`${message}\n`)
}

function sameToken(offered: string, expected: string): boolean {
  const a = Buffer.from(offered)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return null
}
