/**
 * Run `task` now, or once more after the running call when asked again meanwhile: a burst of
 * "changed" events becomes at most two fetches, and the last one sees the newest state.
 */
export function coalesce(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null
  let again = false
  const run = (): Promise<void> => {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      try {
        do {
          again = false
          await task()
        } while (again)
      } finally {
        running = null
      }
    })()
    return running
  }
  return run
}
