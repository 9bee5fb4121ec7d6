import { engineAliveSync } from '../core/data-home'
import { HomeLockedError } from '../core/store/home-locked-error'

/** How long a host waits for a short command that holds the home before giving up (DESIGN.md "Data home"). */
export const HOME_WAIT_MS = 10_000

export interface HomeWaitOptions {
  /** The home's `engine.pid`: waiting makes sense only while it names a live process. */
  readonly pidFile: string
  readonly waitMs?: number
  /** Said once, when the first attempt finds the home held. */
  readonly onWait?: (message: string) => void
  /** Stops the waiting early (SIGINT, SIGTERM): the last HomeLockedError is thrown. */
  readonly signal?: AbortSignal
}

/**
 * Retry `attempt` while it fails with HomeLockedError and a live engine process holds the home (a CLI
 * command finishing, an engine between opening the database and listening), up to `waitMs`. A lock
 * with no live engine behind it, or one held past the deadline, is reported as the HomeLockedError.
 */
export async function retryWhileHomeHeld<T>(attempt: () => Promise<T> | T, options: HomeWaitOptions): Promise<T> {
  const deadline = Date.now() + (options.waitMs ?? HOME_WAIT_MS)
  let told = false
  for (;;) {
    try {
      return await attempt()
    } catch (error) {
      if (!(error instanceof HomeLockedError) || options.signal?.aborted || Date.now() >= deadline || !engineAliveSync(options.pidFile)) throw error
      if (!told) options.onWait?.(`The data home is held by another Attune Workbench process; waiting for it (up to ${Math.round((deadline - Date.now()) / 1000)} s)...`)
      told = true
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
  }
}
