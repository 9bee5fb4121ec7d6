import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs'
import { isAbsolute, join, relative, sep } from 'node:path'
import type { PackProblem } from '../../../shared/domain/pack'
import { fileProblem } from './pack-loader-report'

/** Pack metadata files larger than this are refused unread: no YAML file of a pack needs a megabyte. */
export const MAX_PACK_FILE_BYTES = 1024 * 1024

/** Strict: a byte sequence that is not UTF-8 is an error, not a silent U+FFFD (a leading BOM is dropped). */
const utf8 = new TextDecoder('utf-8', { fatal: true })

export type PackTextRead = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string }

/**
 * Read a metadata file of a pack as UTF-8 text, refusing what could hurt or hang a loader.
 *
 * Refused: a missing file, a symlink loop, a symlink leaving `packDir`, anything but a regular file (a FIFO
 * would block the read), more than `MAX_PACK_FILE_BYTES`, and bytes that are not UTF-8.
 */
export function readPackTextSync(file: string, packDir: string): PackTextRead {
  const target = resolveInsidePack(file, packDir)
  if (!target.ok) return target
  let stats: Stats
  try {
    stats = statSync(target.path)
  } catch (error) {
    return { ok: false, message: describeFsError(error, file) }
  }
  if (!stats.isFile()) return { ok: false, message: `is ${describeKind(stats)}, not a file` }
  const refused = refuseSize(stats.size)
  if (refused) return { ok: false, message: refused }
  let bytes: Buffer
  try {
    bytes = readBoundedSync(target.path)
  } catch (error) {
    return { ok: false, message: describeFsError(error, file) }
  }
  if (bytes.length > MAX_PACK_FILE_BYTES) return { ok: false, message: refuseSize(bytes.length) ?? 'is too large' }
  try {
    return { ok: true, text: utf8.decode(bytes) }
  } catch {
    return { ok: false, message: 'is not UTF-8 text (it contains bytes that are not valid UTF-8); the file is not read' }
  }
}

/** One readable YAML file of a pack folder and its text. */
export interface PackYamlFile {
  readonly file: string
  readonly text: string
}

/**
 * The readable `*.yaml`/`*.yml` files of a pack folder with their text ({@link listYamlFilesSync}, then
 * {@link readPackTextSync}): every file is added to `watched`, and one that cannot be read is a problem.
 */
export function readPackYamlFilesSync(dir: string, packDir: string, problems: PackProblem[], watched: string[]): PackYamlFile[] {
  const files: PackYamlFile[] = []
  for (const file of listYamlFilesSync(dir, packDir, problems)) {
    watched.push(file)
    const read = readPackTextSync(file, packDir)
    if (read.ok) files.push({ file, text: read.text })
    else problems.push(fileProblem(file, read.message))
  }
  return files
}

/**
 * The `*.yaml`/`*.yml` files directly inside `dir`, absolute and sorted by name (the worker's order).
 *
 * Not recursive: sub-folders such as `actions/workflows/` are skipped. A missing folder gives no files and no
 * problem. Entries that cannot be followed (symlink loops, links out of the pack, sockets) become problems.
 */
export function listYamlFilesSync(dir: string, packDir: string, problems: PackProblem[]): string[] {
  let names: string[]
  try {
    if (!statSync(dir).isDirectory()) {
      problems.push(fileProblem(dir, 'is not a folder; nothing in it is loaded'))
      return []
    }
    names = readdirSync(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    problems.push(fileProblem(dir, `cannot be read: ${describeFsError(error, dir)}`))
    return []
  }
  const files: string[] = []
  for (const name of names.sort()) {
    const file = join(dir, name)
    if (!/\.ya?ml$/.test(name)) {
      // The worker matches the extension case-sensitively, so `HELLO.YAML` is silently ignored there.
      if (/\.ya?ml$/i.test(name)) problems.push(fileProblem(file, `is ignored: Attune reads only files ending in '.yaml' or '.yml' (lower-case)`, 'warning'))
      continue
    }
    let stats: Stats
    try {
      stats = statSync(file)
    } catch (error) {
      problems.push(fileProblem(file, `is skipped: ${describeFsError(error, file)}`))
      continue
    }
    if (stats.isDirectory()) continue
    const inside = resolveInsidePack(file, packDir)
    if (!inside.ok) {
      problems.push(fileProblem(file, `is skipped: ${inside.message}`))
      continue
    }
    if (!stats.isFile()) {
      problems.push(fileProblem(file, `is skipped: it is ${describeKind(stats)}, not a file`))
      continue
    }
    files.push(file)
  }
  return files
}

/** Whether `path` is `root` or below it (both absolute and already resolved). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}

/** Follow symlinks of `file` and require the target to stay inside `packDir` (a realpath). */
export function resolveInsidePack(file: string, packDir: string): { readonly ok: true; readonly path: string } | { readonly ok: false; readonly message: string } {
  let real: string
  try {
    real = realpathSync(file)
  } catch (error) {
    return { ok: false, message: describeFsError(error, file) }
  }
  if (!isInside(packDir, real)) {
    return { ok: false, message: `is a symbolic link to ${real}, outside the pack folder ${packDir}; packs must be self-contained` }
  }
  return { ok: true, path: real }
}

/** Say why a file system call failed, in words (a loop, a dangling link, a missing file). */
export function describeFsError(error: unknown, file: string): string {
  const code = (error as NodeJS.ErrnoException).code
  switch (code) {
    case 'ELOOP':
      return 'is a symbolic link loop (following it never reaches a file)'
    case 'ENOENT':
      return isSymlink(file) ? 'is a symbolic link to something that does not exist' : 'does not exist'
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)'
    case 'ENOTDIR':
      return 'does not exist (a part of its path is a file, not a folder)'
    default:
      return (error as Error).message
  }
}

function isSymlink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink()
  } catch {
    return false
  }
}

function describeKind(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder'
  if (stats.isFIFO()) return 'a named pipe'
  if (stats.isSocket()) return 'a socket'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device'
  return 'not a regular file'
}

function refuseSize(size: number): string | null {
  if (size <= MAX_PACK_FILE_BYTES) return null
  return `is ${size} bytes; pack files over ${MAX_PACK_FILE_BYTES} bytes (1 MiB) are refused without being read`
}

// Read at most one byte past the limit, so a file that grew after the size check is still refused.
function readBoundedSync(file: string): Buffer {
  const fd = openSync(file, 'r')
  try {
    const size = Math.min(fstatSync(fd).size, MAX_PACK_FILE_BYTES) + 1
    const buffer = Buffer.alloc(size)
    let length = 0
    while (length < size) {
      const read = readSync(fd, buffer, length, size - length, null)
      if (read === 0) break
      length += read
    }
    return buffer.subarray(0, length)
  } finally {
    closeSync(fd)
  }
}
