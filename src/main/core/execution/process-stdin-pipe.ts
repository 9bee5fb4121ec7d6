import { execFile } from 'node:child_process'
import { closeSync, constants, lstatSync, mkdtempSync, openSync, rmSync, unlinkSync } from 'node:fs'
import { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findOnPathSync } from '../discovery/find-on-path'
import { spawnTurn } from '../process/spawn-turn'

/** A real pipe for a child's stdin: the child's read end and our writer. */
export interface StdinPipe {
  /** Pass as `stdio[0]`; close it with {@link closeChildEnd} once the child is spawned. */
  readonly childFd: number
  readonly writer: Socket
  closeChildEnd(): void
}

/** FIFOs one `mkfifo` makes ahead; when fewer are left, the next batch is made off the run's path. */
export const FIFO_BATCH = 32
const FIFO_LOW_WATER = 8

/**
 * A FIFO-backed pipe for the child's stdin, or null where none can be made (Windows, no `mkfifo`).
 *
 * Why not Node's `stdio: 'pipe'`: libuv gives children a socketpair, and Debian's bash, finding a socket
 * on stdin, assumes it was started by sshd and sources `~/.bashrc` for `bash -c` (SSH_SOURCE_BASHRC). That
 * re-imports the user's shell setup (pyenv's PATH, aliases) into a cleared environment and costs
 * hundreds of milliseconds. The worker (Rust `Stdio::piped()`) hands out real pipes; so does this.
 *
 * Node cannot make a pipe or a FIFO itself, and starting `mkfifo` for every run cost a process start
 * (several milliseconds of a blocked event loop) on every run's path. So FIFOs are made {@link FIFO_BATCH} at
 * a time by one `mkfifo`, in one private folder (mkdtemp, 0700) of the OS temp dir per engine process, removed
 * when it exits, and the next batch is made while some are left. They hold no data at rest (what is written
 * lives in the kernel's pipe buffer), and they stay out of a run's scratch folder, which must be empty after
 * every run. A run takes one, opens both ends and unlinks it at once: each FIFO serves exactly one run,
 * so no two runs (or a leftover of an earlier one) ever share a pipe. We hold it read-write, which never
 * blocks and makes the child's blocking read-only open succeed at once; closing our end gives the child EOF.
 */
export async function openStdinPipe(): Promise<StdinPipe | null> {
  if (process.platform === 'win32') return null
  const pool = poolFor(tmpdir())
  if (pool === null) return null
  for (let attempt = 0; attempt < 2; attempt++) {
    const path = await pool.take()
    if (path === null) return null
    try {
      return openBothEnds(path)
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

function openBothEnds(path: string): StdinPipe {
  // A private folder, but check anyway that what we open is still our FIFO.
  if (!lstatSync(path).isFIFO()) throw new Error(`${path} is not a FIFO`)
  const ours = openSync(path, constants.O_RDWR | constants.O_NONBLOCK)
  let childFd: number
  try {
    childFd = openSync(path, constants.O_RDONLY)
  } catch (error) {
    closeSync(ours)
    throw error
  }
  const writer = new Socket({ fd: ours, readable: false, writable: true })
  let closed = false
  return {
    childFd,
    writer,
    closeChildEnd: () => {
      if (closed) return
      closed = true
      closeSync(childFd)
    }
  }
}

/** FIFOs made ahead in one private folder of one parent. */
class FifoPool {
  private dir: string | null = null
  private ready: string[] = []
  private batch: Promise<void> | null = null
  private counter = 0

  constructor(
    private readonly parent: string,
    private readonly mkfifo: string
  ) {}

  /** A fresh FIFO's path, or null when none can be made. */
  async take(): Promise<string | null> {
    // A second try covers a batch that was under way when the folder was removed.
    for (let tries = 0; tries < 2 && this.ready.length === 0; tries++) await this.refill()
    const path = this.ready.shift() ?? null
    if (this.ready.length < FIFO_LOW_WATER) void this.refill()
    return path
  }

  /** Forget the folder (it was removed) so the next batch makes a new one. */
  reset(): void {
    this.ready = []
    this.dir = null
  }

  removeSync(): void {
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true })
  }

  private refill(): Promise<void> {
    this.batch ??= this.makeBatch().finally(() => {
      this.batch = null
    })
    return this.batch
  }

  private async makeBatch(): Promise<void> {
    try {
      this.dir ??= mkdtempSync(join(this.parent, 'attune-stdin-'))
      const dir = this.dir
      const paths = Array.from({ length: FIFO_BATCH }, () => join(dir, `fifo-${++this.counter}`))
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
  if (pools.size === 0) process.once('exit', removePoolsSync)
  pools.set(parent, pool)
  return pool
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
