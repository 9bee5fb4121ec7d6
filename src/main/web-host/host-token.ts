import { randomBytes } from 'node:crypto'
import { closeSync, fstatSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The browser host's token file in the data home. */
export const TOKEN_FILE = 'web-host.token'

const TOKEN = /^[A-Za-z0-9_-]{32,128}$/

/**
 * The browser host's access token for one data home: kept in `<home>/web-host.token` (0600) so open tabs
 * and bookmarks of the printed URL survive a restart. A file that is not ours alone (another owner, readable
 * by group or others) or does not hold a token is replaced by a fresh one, written atomically.
 */
export function dataHomeToken(home: string): string {
  const file = join(home, TOKEN_FILE)
  const kept = readOwnToken(file)
  if (kept !== null) return kept
  const token = randomBytes(32).toString('base64url')
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, `${token}\n`, { mode: 0o600, flag: 'w' })
  renameSync(temporary, file)
  return token
}

function readOwnToken(file: string): string | null {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch {
    return null
  }
  try {
    const stats = fstatSync(fd)
    const ownUid = process.getuid?.()
    if (!stats.isFile() || (stats.mode & 0o077) !== 0 || (ownUid !== undefined && stats.uid !== ownUid)) return null
    const text = readFileSync(fd, 'utf8').trim()
    return TOKEN.test(text) ? text : null
  } finally {
    closeSync(fd)
  }
}
