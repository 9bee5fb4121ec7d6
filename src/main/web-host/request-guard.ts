import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { isIPv4, isIPv6, type AddressInfo } from 'node:net'

/**
 * The session cookie that carries the start's token once the URL's `?token=` was exchanged, named for the
 * host's port: cookies are not kept apart by port, so two hosts on one machine would otherwise overwrite each
 * other's session, and a cookie planted for one host would be offered to the other.
 */
export function sessionCookieName(port: number): string {
  return `attune_wb_session_${port}`
}

/** What a request must carry to be let in: the start's token, in the cookie named for this host. */
export interface Session {
  readonly token: string
  readonly cookie: string
}

/**
 * The request target as a URL, or null when it does not parse (`//[`, `http://[`, `//%5B`): such a request
 * is answered 400 instead of letting the parser's exception reach the server (issue 9, finding 1).
 */
export function parseTarget(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://localhost')
  } catch {
    return null
  }
}

/** An address as `listen` takes it: `[::1]` (as written in a URL) becomes `::1`. */
export function bareAddress(host: string): string {
  return host.trim().replace(/^\[(.*)\]$/, '$1')
}

/**
 * The addresses this host answers to (DNS rebinding defence, DESIGN.md "Hosts"): the bound address
 * and `localhost` on the bound port, as `Host` values and as WebSocket `Origin`s.
 */
export interface BoundAddress {
  readonly hosts: ReadonlySet<string>
  readonly origins: ReadonlySet<string>
}

export function boundAddress(address: AddressInfo, interfaceAddresses: readonly string[] = []): BoundAddress {
  // A wildcard bind (0.0.0.0, ::, only with allowRemote) answers to this machine's own IP literals, never
  // to a DNS name: a rebinding attack needs a name that resolves here.
  const wildcard = address.address === '0.0.0.0' || address.address === '::'
  const addresses = wildcard ? ['127.0.0.1', ...interfaceAddresses] : [address.address]
  const literal = (ip: string): string => (ip.includes(':') ? `[${ip}]` : ip)
  const hosts = new Set([...addresses.map((ip) => `${literal(ip)}:${address.port}`.toLowerCase()), `localhost:${address.port}`])
  return { hosts, origins: new Set([...hosts].map((host) => `http://${host}`)) }
}

/**
 * Whether a bind address keeps the host on this machine: `localhost`, 127.0.0.0/8, `::1` (DESIGN.md
 * "Hosts": loopback only unless the user explicitly asks otherwise).
 */
export function isLoopbackAddress(host: string): boolean {
  const bare = bareAddress(host).toLowerCase()
  if (bare === 'localhost') return true
  const v4 = bare.startsWith('::ffff:') ? bare.slice(7) : bare
  if (isIPv4(v4)) return v4.startsWith('127.')
  return isIPv6(bare) && /^(0{0,4}:){2,7}0{0,3}1$|^::1$/.test(bare)
}

/** Why a request is refused, or null: the Host must be ours. */
export function checkHost(request: IncomingMessage, bound: BoundAddress): string | null {
  const host = request.headers.host
  return host && bound.hosts.has(host.toLowerCase()) ? null : 'This host serves only its own loopback address.'
}

/**
 * Why a WebSocket upgrade is refused (with the HTTP status), or null: our Host, our Origin, the session cookie
 * and protocol version 13 (what every browser speaks; `ws` would also take the draft version 8). The rest of
 * the handshake is `ws`'s to check.
 */
export function checkUpgrade(request: IncomingMessage, bound: BoundAddress, session: Session): { status: number; message: string } | null {
  const hostProblem = checkHost(request, bound)
  if (hostProblem) return { status: 421, message: hostProblem }
  const origin = request.headers.origin
  if (!origin || !bound.origins.has(origin.toLowerCase())) {
    return { status: 403, message: 'WebSocket connections are accepted only from the workbench page itself.' }
  }
  if (!hasSession(request, session)) return { status: 401, message: 'Open the URL printed by `attune-workbench serve` (it carries the access token).' }
  if (request.headers['sec-websocket-version'] !== '13') return { status: 426, message: 'Only WebSocket version 13 is spoken here.' }
  return null
}

export function hasSession(request: IncomingMessage, session: Session): boolean {
  return sameToken(readCookie(request.headers.cookie, session.cookie) ?? '', session.token)
}

export function sameToken(offered: string, expected: string): boolean {
  const a = Buffer.from(offered)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=')
    if (key === name) return value.join('=')
  }
  return null
}

/** The page's CSP in the browser: the same as Electron's, plus this host's own WebSocket. */
export function browserContentSecurityPolicy(bound: BoundAddress): string {
  const sockets = [...bound.hosts].map((host) => `ws://${host}`).join(' ')
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${sockets}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'"
  ].join('; ')
}
