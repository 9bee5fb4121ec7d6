import type { EventPayloads } from '../../shared/ipc/contract'

/** Payloads of the engine's events, by name: exactly the events the IPC contract pushes to renderers. */
export type EngineEvents = EventPayloads

type Listener<T> = (payload: T) => void

/** A typed event bus. Listener errors are contained so one bad subscriber cannot stop the engine. */
export class EventBus {
  private readonly listeners = new Map<keyof EngineEvents, Set<Listener<never>>>()

  on<K extends keyof EngineEvents>(name: K, listener: Listener<EngineEvents[K]>): () => void {
    const set = this.listeners.get(name) ?? new Set()
    set.add(listener as Listener<never>)
    this.listeners.set(name, set)
    return () => set.delete(listener as Listener<never>)
  }

  emit<K extends keyof EngineEvents>(name: K, payload: EngineEvents[K]): void {
    for (const listener of this.listeners.get(name) ?? []) {
      try {
        ;(listener as Listener<EngineEvents[K]>)(payload)
      } catch {
        // A subscriber's failure is its own; the engine carries on.
      }
    }
  }
}
