import { existsSync, watch, type FSWatcher } from 'node:fs'
import { basename, join } from 'node:path'

/** What the watcher needs to know of a pack. */
export interface WatchedPack {
  readonly ref: string
  readonly dir: string
}

const WATCHED_NAME = /\.(ya?ml)$|^requirements\.txt$|^package\.json$/i
/** Sub-folders whose files are watched too; creating or deleting one re-arms the pack's watchers. */
const WATCHED_FOLDERS = ['actions', 'runtimes'] as const

interface PackWatch {
  readonly dir: string
  readonly handles: FSWatcher[]
  /** A handle failed (folder deleted or replaced): the next `sync` arms the pack again. */
  failed: boolean
}

/**
 * Reloads a pack when its YAML or dependency manifests change: pack.yaml, actions/*.yaml,
 * runtimes/*.yaml, requirements.txt, package.json. Editors write files in bursts (temp file, rename,
 * chmod), so changes are debounced per pack. An `actions/` or `runtimes/` folder created after the pack
 * was registered is watched from then on. A watcher that fails (folder deleted) is closed; `sync`
 * arms watchers again for the registered packs.
 */
export class PackWatcher {
  private readonly watches = new Map<string, PackWatch>()
  private readonly timers = new Map<string, NodeJS.Timeout>()

  constructor(
    private readonly onChange: (packRef: string) => void,
    private readonly debounceMs = 300
  ) {}

  /** Watch exactly these packs (a pack whose folder changed or whose watcher failed is armed again). */
  sync(packs: readonly WatchedPack[]): void {
    const wanted = new Map(packs.map((pack) => [pack.ref, pack.dir]))
    for (const [ref, current] of [...this.watches]) {
      if (wanted.get(ref) !== current.dir) this.unwatch(ref)
      else if (current.failed) this.close(ref)
    }
    for (const pack of packs) if (!this.watches.has(pack.ref)) this.watch(pack)
  }

  dispose(): void {
    for (const ref of [...this.watches.keys()]) this.unwatch(ref)
  }

  private watch(pack: WatchedPack): void {
    const entry: PackWatch = { dir: pack.dir, handles: [], failed: false }
    this.watches.set(pack.ref, entry)
    for (const dir of [pack.dir, ...WATCHED_FOLDERS.map((folder) => join(pack.dir, folder))]) {
      if (!existsSync(dir)) continue
      const atTop = dir === pack.dir
      try {
        const handle = watch(dir, { persistent: false }, (_event, name) => {
          const file = name === null ? null : basename(name.toString())
          if (atTop && file !== null && (WATCHED_FOLDERS as readonly string[]).includes(file)) {
            // A folder of YAML files appeared or went: watch what is there now, and reload.
            this.close(pack.ref)
            this.watch(pack)
            this.schedule(pack.ref)
          } else if (file === null || WATCHED_NAME.test(file)) {
            this.schedule(pack.ref)
          }
        })
        handle.on('error', () => {
          handle.close()
          entry.failed = true
        })
        entry.handles.push(handle)
      } catch {
        // The folder vanished between the check and the watch; the next sync tries again.
        entry.failed = true
      }
    }
  }

  /** Close the pack's file watchers, keeping a pending reload. */
  private close(ref: string): void {
    for (const handle of this.watches.get(ref)?.handles ?? []) handle.close()
    this.watches.delete(ref)
  }

  private unwatch(ref: string): void {
    this.close(ref)
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
