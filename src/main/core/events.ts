/** Payloads of the engine's events, by name. */
export interface EngineEvents {
  'runtime.verified': { readonly runtime: string }
  'runtime.changed': { readonly runtime: string; readonly version: string | null }
  /** A pack was registered or reloaded (spec §4.6: the worker verifies its runtimes and sets up envs). */
  'pack.registered': { readonly pack: string; readonly runtimeNames: readonly string[] }
  'pack.removed': { readonly pack: string }
  /** An environment's status changed (building, ready, failed...). */
  'env.changed': { readonly pack: string; readonly runtime: string; readonly version: string | null; readonly status: string }
  /** A line of setup output (venv creation, pip, npm). */
  'env.progress': { readonly pack: string; readonly runtime: string; readonly version: string | null; readonly line: string }
  /** An execution changed status (requested, running, completed...). */
  'execution.updated': { readonly id: number; readonly action: string; readonly status: string; readonly matrixId: number | null }
  /** Output of a running execution, batched. */
  'log.chunk': { readonly id: number; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  /** Host startup progress (verification, env setup, ready). */
  'startup.progress': { readonly phase: 'starting' | 'verifying' | 'envs' | 'ready' | 'failed'; readonly message: string }
}

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
