/**
 * One lock per key: calls with the same key run one after another, in call order; other keys run freely
 * (spec §4.7: a mutex per env-dir path).
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>()

  /** Run `task` once every earlier task with the same key has settled. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve()
    let release!: () => void
    const tail = new Promise<void>((resolve) => (release = resolve))
    const chained = previous.then(() => tail)
    this.tails.set(key, chained)
    await previous
    try {
      return await task()
    } finally {
      release()
      if (this.tails.get(key) === chained) this.tails.delete(key)
    }
  }

  /** Whether a task holds or waits for `key`. */
  isLocked(key: string): boolean {
    return this.tails.has(key)
  }
}
