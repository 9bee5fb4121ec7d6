import { execFile } from 'node:child_process'
import { closeSync, constants, fstatSync, lstatSync, mkdtempSync, openSync, readdirSync, rmSync, unlinkSync, type Stats } from 'node:fs'
import { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findOnPathSync } from '../../discovery/find-on-path'
import { spawnTurn } from '../../commands/spawn-turn'

/** A real pipe for a child's stdin: the child's read end and our writer. */
export interface StdinPipe {
  /** Pass as `stdio[0]`; close it with {@link closeChildEnd} once the child is spawned. */
  readonly childFd: number
  readonly writer: Socket
  closeChildEnd(): void
}

/** FIFOs one `mkfifo` makes ahead, from a process's second run on; when fewer are left, the next batch is made off the run's path. */
export const FIFO_BATCH = 48
const FIFO_LOW_WATER = 12
/**
 * FIFOs one run takes (stdin, stdout, stderr): all a batch made while a run waits holds. A one-shot command
 * runs once, and making 48 (then removing 45 at exit) cost it more than its whole run.
 */
const RUN_FIFOS = 3

/**
 * A FIFO-backed pipe for the child's stdin, or null where none can be made (Windows, no `mkfifo`).
 *
 * Why not Node's `stdio: 'pipe'`: libuv gives children a socketpair, and Debian's bash, finding a socket
 * on stdin, assumes it was started by sshd and sources `~/.bashrc` for `bash -c` (SSH_SOURCE_BASHRC). That
 * re-imports the user's shell setup (pyenv's PATH, aliases) into a cleared environment and costs
 * hundreds of milliseconds. The worker (Rust `Stdio::piped()`) hands out real pipes; so does this.
 *
 * Node cannot make a pipe or a FIFO itself, and starting `mkfifo` for every run cost a process start
 * (several milliseconds of a blocked event loop) on every run's path. So FIFOs are made ahead, {@link FIFO_BATCH}
 * at a time by one `mkfifo` once a process runs a second action (the first run makes only its own three), in one private folder (mkdtemp, 0700) of the OS temp dir per engine process, removed
 * when it exits, and the next batch is made while some are left. They hold no data at rest (what is written
 * lives in the kernel's pipe buffer), and they stay out of a run's scratch folder, which must be empty after
 * every run. A run takes one, opens both ends and unlinks it at once: each FIFO serves exactly one run,
 * so no two runs (or a leftover of an earlier one) ever share a pipe. We hold it read-write, which never
 * blocks and makes the child's blocking read-only open succeed at once; closing our end gives the child EOF.
 */
export function openStdinPipe(): Promise<StdinPipe | null> {
  return withFreshFifo((path) => {
    const { ours, childFd, closeChildEnd } = openFifo(path, constants.O_RDWR | constants.O_NONBLOCK, constants.O_RDONLY)
    return { childFd, writer: new Socket({ fd: ours, readable: false, writable: true }), closeChildEnd }
  })
}

/** `open` applied to a fresh FIFO from the pool, which is unlinked right after; null where none can be had. */
async function withFreshFifo<T>(open: (path: string) => T): Promise<T | null> {
  if (process.platform === 'win32') return null
  const pool = poolFor(tmpdir())
  if (pool === null) return null
  for (let attempt = 0; attempt < 2; attempt++) {
    const path = await pool.take()
    if (path === null) return null
    try {
      return open(path)
    } catch {
      // The folder was removed under us (a data home deleted): start a fresh batch once.
      pool.reset()
    } finally {
      try {
        unlinkSync(path)
      } catch {
        // Already gone with its folder.
      }
    }
  }
  return null
}

/** A real pipe for a child's stdout or stderr: the child's write end and our reader. */
export interface OutputPipe {
  /** Pass as `stdio[1]` or `stdio[2]`; close it with {@link closeChildEnd} once the child is spawned. */
  readonly childFd: number
  /** Closes once every writer (the child and whatever inherited the pipe) has closed it. */
  readonly reader: Socket
  closeChildEnd(): void
}

/** One read buffer's size, as libuv reads a pipe. */
const READ_BUFFER_BYTES = 64 * 1024

/**
 * A FIFO-backed pipe for the child's stdout or stderr whose reads all land in one buffer of ours, handed to
 * `onChunk` (valid only during the call: copy what is kept), or null where none can be made.
 *
 * Why not Node's `stdio: 'pipe'`: it allocates a fresh buffer for every read, and an action printing
 * hundreds of megabytes leaves them all for the garbage collector, which frees them late (tens of MB of peak
 * memory for output that is mostly dropped by the cap). `onread` reuses one buffer.
 */
export function openOutputPipe(onChunk: (chunk: Buffer) => void): Promise<OutputPipe | null> {
  return withFreshFifo((path) => {
    // Ours first: a non-blocking read-only open succeeds with no writer, and then the child's write-only open does too.
    const { ours, childFd, closeChildEnd } = openFifo(path, constants.O_RDONLY | constants.O_NONBLOCK, constants.O_WRONLY)
    const onread = {
      buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES),
      callback: (bytes: number, data: Uint8Array): boolean => {
        onChunk(Buffer.from(data.buffer, data.byteOffset, bytes))
        return true
      }
    }
    const reader = new Socket({ fd: ours, readable: true, writable: false, onread })
    return { childFd, reader, closeChildEnd }
  })
}

/** Open our end of the FIFO at `path`, then the child's; both stay open after the path is unlinked. */
function openFifo(path: string, ourFlags: number, childFlags: number): { readonly ours: number; readonly childFd: number; closeChildEnd(): void } {
  // A private folder, but check anyway that what we open is still our FIFO.
  if (!lstatSync(path).isFIFO()) throw new Error(`${path} is not a FIFO`)
  const ours = openSync(path, ourFlags)
  let childFd: number
  try {
    // What was opened, not only what the path named a moment before: our own FIFO, and both ends the same one
    // (a folder removed by a temp cleaner and re-made by another user must not hand us their FIFO).
    const opened = fstatSync(ours)
    if (!opened.isFIFO() || !ownedByUs(opened)) throw new Error(`${path} is not a FIFO of this user`)
    childFd = openSync(path, childFlags)
    const child = fstatSync(childFd)
    if (child.dev !== opened.dev || child.ino !== opened.ino) {
      closeSync(childFd)
      throw new Error(`${path} changed while it was opened`)
    }
  } catch (error) {
    closeSync(ours)
    throw error
  }
  let closed = false
  return {
    ours,
    childFd,
    closeChildEnd: () => {
      if (closed) return
      closed = true
      closeSync(childFd)
    }
  }
}

function ownedByUs(stats: Stats): boolean {
  const uid = process.getuid?.()
  return uid === undefined || stats.uid === uid
}

/** A folder (not a link) of this user that nobody else may enter. */
function isOwnPrivateDir(dir: string): boolean {
  try {
    const stats = lstatSync(dir)
    return stats.isDirectory() && ownedByUs(stats) && (stats.mode & 0o077) === 0
  } catch {
    return false
  }
}

/** FIFOs made ahead in one private folder of one parent. */
class FifoPool {
  private dir: string | null = null
  private ready: string[] = []
  private batch: Promise<void> | null = null
  private counter = 0
  private taken = 0

  constructor(
    private readonly parent: string,
    private readonly mkfifo: string
  ) {}

  /** A fresh FIFO's path, or null when none can be made. */
  async take(): Promise<string | null> {
    // A second try covers a batch that was under way when the folder was removed.
    for (let tries = 0; tries < 2 && this.ready.length === 0; tries++) await this.refill(RUN_FIFOS)
    const path = this.ready.shift() ?? null
    this.taken++
    if (this.taken > RUN_FIFOS && this.ready.length < FIFO_LOW_WATER) void this.refill(FIFO_BATCH)
    return path
  }

  /** Drop the folder (it was removed, or an open failed) and its FIFOs, so the next batch makes a new one. */
  reset(): void {
    this.ready = []
    if (this.dir !== null && isOwnPrivateDir(this.dir)) rmSync(this.dir, { recursive: true, force: true })
    this.dir = null
  }

  removeSync(): void {
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true })
  }

  private refill(count: number): Promise<void> {
    this.batch ??= this.makeBatch(count).finally(() => {
      this.batch = null
    })
    return this.batch
  }

  private async makeBatch(count: number): Promise<void> {
    try {
      // A folder that is gone or no longer ours alone (removed by a temp cleaner, its name taken) is replaced.
      if (this.dir !== null && !isOwnPrivateDir(this.dir)) this.reset()
      this.dir ??= mkdtempSync(join(this.parent, `${POOL_PREFIX}${process.pid}-`))
      const dir = this.dir
      const paths = Array.from({ length: count }, () => join(dir, `fifo-${++this.counter}`))
      await spawnTurn()
      await new Promise<void>((resolve) => {
        execFile(this.mkfifo, ['-m', '600', '--', ...paths], { timeout: 5000, env: {} }, () => {
          // One bad path fails the command; the others were still made.
          for (const path of paths) if (isFifo(path)) this.ready.push(path)
          resolve()
        })
      })
    } catch {
      this.reset()
    }
  }
}

const pools = new Map<string, FifoPool>()

function poolFor(parent: string): FifoPool | null {
  const existing = pools.get(parent)
  if (existing !== undefined) return existing
  const mkfifo = findOnPathSync('mkfifo', '/usr/bin:/bin')
  if (mkfifo === null) return null
  const pool = new FifoPool(parent, mkfifo)
  removeDeadPoolsSync(parent)
  if (pools.size === 0) process.once('exit', removePoolsSync)
  pools.set(parent, pool)
  return pool
}

const POOL_PREFIX = 'attune-stdin-'

/**
 * Remove the FIFO folders in `parent` of engines that ended without their exit handler (killed, or a worker
 * thread ended): `attune-stdin-<pid>-…` of this user whose pid is gone.
 */
function removeDeadPoolsSync(parent: string): void {
  let entries: string[]
  try {
    entries = readdirSync(parent)
  } catch {
    return
  }
  for (const entry of entries) {
    const pid = new RegExp(`^${POOL_PREFIX}(\\d+)-`).exec(entry)?.[1]
    if (pid === undefined || Number(pid) === process.pid || alive(Number(pid))) continue
    try {
      const path = join(parent, entry)
      if (process.getuid !== undefined && lstatSync(path).uid !== process.getuid()) continue
      rmSync(path, { recursive: true, force: true })
    } catch {
      // Another engine's, or gone meanwhile.
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The FIFOs made ahead are empty nodes, but do not leave them behind. */
function removePoolsSync(): void {
  for (const pool of pools.values()) {
    try {
      pool.removeSync()
    } catch {
      // Best effort at exit.
    }
  }
}

function isFifo(path: string): boolean {
  try {
    return lstatSync(path).isFIFO()
  } catch {
    return false
  }
}
