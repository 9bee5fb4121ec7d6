import { existsSync, watch, type FSWatcher } from 'node:fs'
import { basename, join } from 'node:path'

/** What the watcher needs to know of a pack. */
export interface WatchedPack {
  readonly ref: string
  readonly dir: string
}

const WATCHED_NAME = /\.(ya?ml)$|^requirements\.txt$|^package\.json$/i

/**
 * Reloads a pack when its YAML or dependency manifests change: pack.yaml, actions/*.yaml,
 * runtimes/*.yaml, requirements.txt, package.json. Editors write files in bursts (temp file, rename,
 * chmod), so changes are debounced per pack. A watcher that fails (folder deleted) is dropped
 * quietly; `sync` re-creates watchers for the registered packs.
 */
export class PackWatcher {
  private readonly watchers = new Map<string, FSWatcher[]>()
  private readonly timers = new Map<string, NodeJS.Timeout>()

  constructor(
    private readonly onChange: (packRef: string) => void,
    private readonly debounceMs = 300
  ) {}

  /** Watch exactly these packs. */
  sync(packs: readonly WatchedPack[]): void {
    const wanted = new Set(packs.map((pack) => pack.ref))
    for (const ref of [...this.watchers.keys()]) if (!wanted.has(ref)) this.unwatch(ref)
    for (const pack of packs) if (!this.watchers.has(pack.ref)) this.watch(pack)
  }

  dispose(): void {
    for (const ref of [...this.watchers.keys()]) this.unwatch(ref)
  }

  private watch(pack: WatchedPack): void {
    const handles: FSWatcher[] = []
    for (const dir of [pack.dir, join(pack.dir, 'actions'), join(pack.dir, 'runtimes')]) {
      if (!existsSync(dir)) continue
      try {
        const handle = watch(dir, { persistent: false }, (_event, name) => {
          if (name === null || WATCHED_NAME.test(basename(name.toString()))) this.schedule(pack.ref)
        })
        handle.on('error', () => handle.close())
        handles.push(handle)
      } catch {
        // The folder vanished between the check and the watch; the next sync tries again.
      }
    }
    this.watchers.set(pack.ref, handles)
  }

  private unwatch(ref: string): void {
    for (const handle of this.watchers.get(ref) ?? []) handle.close()
    this.watchers.delete(ref)
    const timer = this.timers.get(ref)
    if (timer) clearTimeout(timer)
    this.timers.delete(ref)
  }

  private schedule(ref: string): void {
    const pending = this.timers.get(ref)
    if (pending) clearTimeout(pending)
    this.timers.set(
      ref,
      setTimeout(() => {
        this.timers.delete(ref)
        this.onChange(ref)
      }, this.debounceMs)
    )
  }
}
