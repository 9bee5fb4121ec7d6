/**
 * Run `task` now, or once more after the running call when asked again meanwhile: a burst of
 * "changed" events becomes at most two fetches, and the last one sees the newest state.
 */
export function coalesce(task: () => Promise<void>): () => Promise<void> {
  const run = coalesceByKey<null>(() => task())
  return () => run(null)
}

/**
 * {@link coalesce} for each key on its own: calls for different keys run side by side, a burst of calls for one
 * key becomes the running call plus one more. A key is forgotten once its calls are done.
 */
export function coalesceByKey<K>(task: (key: K) => Promise<void>): (key: K) => Promise<void> {
  const running = new Map<K, { again: boolean; readonly done: Promise<void> }>()
  return (key) => {
    const current = running.get(key)
    if (current) {
      current.again = true
      return current.done
    }
    const state: { again: boolean; done: Promise<void> } = { again: false, done: Promise.resolve() }
    running.set(key, state)
    state.done = (async () => {
      try {
        do {
          state.again = false
          await task(key)
        } while (state.again)
      } finally {
        running.delete(key)
      }
    })()
    return state.done
  }
}
