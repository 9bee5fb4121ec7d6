import { chmodSync, lstatSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { WorkbenchError } from '../core/errors'

/**
 * Where the engine of a data home listens (DESIGN.md "Data home"): a Unix domain socket in a 0700
 * folder inside the home, or on Windows a named pipe whose name is derived from the home's path (pipes
 * live in their own namespace). Never TCP: the file's permissions are the access check.
 */
export function engineEndpoint(home: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    // Loaded here, where it is used: node:crypto costs milliseconds of every command's start.
    const { createHash } = process.getBuiltinModule('node:crypto')
    const digest = createHash('sha256').update(home.toLowerCase()).digest('hex').slice(0, 24)
    return `\\\\.\\pipe\\attune-workbench-${digest}`
  }
  return join(home, 'run', 'engine.sock')
}

/** Unix socket paths are limited (108 bytes on Linux, 104 on macOS, with the terminating NUL). */
export const SOCKET_PATH_MAX = 103

/** Whether the endpoint is a named pipe (no file, no permissions to check). */
export function isNamedPipe(endpoint: string): boolean {
  return endpoint.startsWith('\\\\.\\pipe\\')
}

/** Create the socket's folder, the user's alone (0700), before listening. */
export function prepareEndpointDirSync(endpoint: string): void {
  if (isNamedPipe(endpoint)) return
  const dir = join(endpoint, '..')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  chmodSync(dir, 0o700)
  if (Buffer.byteLength(endpoint) > SOCKET_PATH_MAX) {
    throw new WorkbenchError('environment', `the engine socket path ${endpoint} is longer than Unix sockets allow (${SOCKET_PATH_MAX} bytes); use a shorter --home`)
  }
}

/**
 * What is at the endpoint now: nothing, a socket of ours, or something to refuse (another user's
 * socket, or not a socket at all). Another user's socket is never connected to nor replaced.
 */
export function inspectEndpointSync(endpoint: string, uid: number | null = process.getuid?.() ?? null): 'absent' | 'ours' | { refused: string } {
  if (isNamedPipe(endpoint)) return 'ours'
  let stats
  try {
    stats = lstatSync(endpoint)
  } catch {
    return 'absent'
  }
  if (!stats.isSocket()) return { refused: `${endpoint} is not a socket; remove it so the engine can listen there` }
  if (uid !== null && stats.uid !== uid) {
    return { refused: `the engine socket ${endpoint} belongs to another user (uid ${stats.uid}); refusing to talk to it or replace it` }
  }
  return 'ours'
}
