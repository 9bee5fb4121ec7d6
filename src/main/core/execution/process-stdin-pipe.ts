import { execFile } from 'node:child_process'
import { closeSync, constants, lstatSync, openSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { Socket } from 'node:net'
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

/**
 * A FIFO-backed pipe for the child's stdin, or null where none can be made (Windows, no `mkfifo`).
 *
 * Why not Node's `stdio: 'pipe'`: libuv gives children a socketpair, and Debian's bash, finding a socket
 * on stdin, assumes it was started by sshd and sources `~/.bashrc` for `bash -c` (SSH_SOURCE_BASHRC). That
 * re-imports the user's shell setup (pyenv's PATH, aliases) into a cleared environment and costs
 * hundreds of milliseconds. The worker (Rust `Stdio::piped()`) hands out real pipes; so does this.
 *
 * The FIFO lives in a private temp dir only until both ends are open. We hold it read-write, which never
 * blocks and makes the child's blocking read-only open succeed at once; closing our end gives the child EOF.
 */
export async function openStdinPipe(tempDir: string): Promise<StdinPipe | null> {
  if (process.platform === 'win32') return null
  const mkfifo = findOnPathSync('mkfifo', '/usr/bin:/bin')
  if (mkfifo === null) return null
  let dir: string | null = null
  try {
    dir = await mkdtemp(join(tempDir, 'attune-stdin-'))
    const path = join(dir, 'stdin')
    await makeFifo(mkfifo, path)
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
  } catch {
    return null
  } finally {
    if (dir !== null) await rm(dir, { recursive: true, force: true }).catch(() => undefined)
  }
}

/** FIFOs asked for while waiting for a spawn turn; one `mkfifo` makes them all. */
const wanted: { readonly path: string; readonly done: (error: Error | null) => void }[] = []
let flushing = false

/**
 * Make a FIFO at `path` (mode 0600). Requests that arrive while an earlier one waits for its spawn turn
 * share one `mkfifo` process: when many runs start at once this halves their process starts.
 */
function makeFifo(mkfifo: string, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    wanted.push({ path, done: (error) => (error ? reject(error) : resolve()) })
    if (flushing) return
    flushing = true
    void spawnTurn().then(() => {
      const batch = wanted.splice(0)
      flushing = false
      execFile(mkfifo, ['-m', '600', '--', ...batch.map((request) => request.path)], { timeout: 5000, env: {} }, (error) => {
        for (const request of batch) {
          // One bad path fails the command; the others were still made.
          const made = error === null || isFifo(request.path)
          request.done(made ? null : error)
        }
      })
    })
  })
}

function isFifo(path: string): boolean {
  try {
    return lstatSync(path).isFIFO()
  } catch {
    return false
  }
}
