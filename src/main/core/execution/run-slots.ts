/**
 * Spec §6: at most `worker.max_concurrent_tasks` runs at once; further runs wait, in order, as
 * `requested`. A waiting run whose signal aborts takes a slot at once, so it can record its cancellation.
 */
export class RunSlots {
  private active = 0
  private readonly queue: (() => void)[] = []

  constructor(private readonly max: number) {}

  whenFree(signal: AbortSignal): Promise<void> {
    if (this.active < this.max) {
      this.active++
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      const grant = (): void => {
        this.active++
        resolve()
      }
      this.queue.push(grant)
      signal.addEventListener('abort', () => {
        const index = this.queue.indexOf(grant)
        if (index >= 0) {
          this.queue.splice(index, 1)
          grant()
        }
      })
    })
  }

  release(): void {
    this.active--
    this.queue.shift()?.()
  }
}
