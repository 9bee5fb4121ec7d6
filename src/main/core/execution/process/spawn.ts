import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { setTimeout as delay } from 'node:timers/promises'
import { spawnTurn } from '../../commands/spawn-turn'

/** spec §5.4 [newest]: a spawn that fails with ETXTBSY (a script still open for writing) is retried. */
export const ETXTBSY_ATTEMPTS = 5
export const ETXTBSY_DELAY_MS = 25

/** A started child with its stdout and stderr pipes. */
export type SpawnedChild = ChildProcess & { readonly pid: number }

/**
 * Start `executable` without a shell and wait until it is running (the `spawn` event), retrying ETXTBSY
 * up to {@link ETXTBSY_ATTEMPTS} times {@link ETXTBSY_DELAY_MS} apart. Rejects with the spawn error
 * (ENOENT, EACCES, ...) otherwise.
 */
export async function spawnRetrying(executable: string, args: readonly string[], options: SpawnOptions): Promise<SpawnedChild> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnOnce(executable, args, options)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ETXTBSY' || attempt >= ETXTBSY_ATTEMPTS) throw error
      await delay(ETXTBSY_DELAY_MS)
    }
  }
}

/**
 * Node's `spawn`, not execa (which the probes and setup commands use, `core/commands/run-command.ts`), on
 * purpose: an action's stdio are our own FIFO pipes (`stdin-pipe.ts`) read into one reused buffer
 * and capped, decoded and masked by `OutputCapture`, and its end is the supervisor's (group kill, drain,
 * stdin timing of spec §5.6). execa's own output buffering, encoding, timeout and kill handling would run
 * beside those on every run and add to the engine's few milliseconds per run, with nothing of it used.
 */
async function spawnOnce(executable: string, args: readonly string[], options: SpawnOptions): Promise<SpawnedChild> {
  await spawnTurn()
  return new Promise((resolve, reject) => {
    const child = spawn(executable, [...args], { ...options, shell: false })
    const onError = (error: Error): void => reject(error)
    child.once('error', onError)
    child.once('spawn', () => {
      child.off('error', onError)
      resolve(child as SpawnedChild)
    })
  })
}

/** Signal a whole process group, ignoring a group that is already gone (the engine's one group killer). */
export { killGroup as signalGroup } from '../../commands/run-command'

/** Short text of a spawn failure: `not found (ENOENT)`, `permission denied (EACCES)`. */
export function spawnFailureText(error: unknown): string {
  const err = error as NodeJS.ErrnoException
  switch (err.code) {
    case 'ENOENT':
      return 'not found (ENOENT)'
    case 'EACCES':
      return 'permission denied (EACCES)'
    case 'ETXTBSY':
      return `text file busy after ${ETXTBSY_ATTEMPTS} attempts (ETXTBSY)`
    default:
      return err.message
  }
}
