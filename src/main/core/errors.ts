import { statfsSync } from 'node:fs'

/**
 * What went wrong, in the terms the CLI's exit codes and the IPC envelope use.
 *
 * - `bad-input`: usage or input error naming the file, field or value (exit 2)
 * - `environment`: no usable runtime, env setup failed, data home in use (exit 3)
 * - `failed`: the action or execution failed (exit 1)
 */
export type ErrorKind = 'bad-input' | 'environment' | 'failed'

/** An error meant for people: the message says what and where, never a stack trace. */
export class WorkbenchError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string
  ) {
    super(message)
    this.name = 'WorkbenchError'
  }
}

export const badInput = (message: string): WorkbenchError => new WorkbenchError('bad-input', message)

/** What a storage error code means, in words (Node errno codes and SQLite result codes). */
const STORAGE_PROBLEMS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EIO: 'an I/O error occurred',
  SQLITE_FULL: 'the disk is full',
  SQLITE_READONLY: 'the database cannot be written',
  SQLITE_CANTOPEN: 'the database file cannot be opened',
  SQLITE_IOERR: 'an I/O error occurred',
  SQLITE_CORRUPT: 'the database file is damaged',
  SQLITE_NOTADB: 'the database file is not a database'
}

/**
 * A failure of the disk or the data home (full, read-only, not a folder, I/O error) as an environment
 * error in words, or null for anything else. The CLI exits 3 on it and the IPC envelope says
 * `environment`, instead of an "unexpected failure".
 */
export function storageError(error: unknown, where?: string): WorkbenchError | null {
  if (error instanceof WorkbenchError) return null
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : ''
  let problem = STORAGE_PROBLEMS[code] ?? STORAGE_PROBLEMS[code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1')]
  if (problem === undefined) return null
  // SQLite reports some writes to a full disk as a plain I/O error.
  if (where !== undefined && problem !== STORAGE_PROBLEMS.ENOSPC && diskFullSync(where)) problem = STORAGE_PROBLEMS.ENOSPC as string
  const detail = error instanceof Error ? error.message : String(error)
  return new WorkbenchError('environment', `${problem}: ${detail}`)
}

/** Whether the file system holding `path` has (almost) no room left. */
function diskFullSync(path: string): boolean {
  try {
    const stats = statfsSync(path)
    return stats.bavail * stats.bsize < 64 * 1024
  } catch {
    return false
  }
}
