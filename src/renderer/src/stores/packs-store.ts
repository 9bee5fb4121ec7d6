import { create } from 'zustand'
import type { EnvView } from '../../../shared/domain/env'
import type { PackView } from '../../../shared/domain/pack'
import type { EventPayloads } from '../../../shared/ipc/contract'
import { api } from '../api/api-client'
import { coalesce } from '../lib/coalesce'
import { toUiError, type UiError } from '../lib/ui-error'

/** The key of one env: pack, runtime ref and version ('base' for the base env). */
export function envKey(env: { readonly pack: string; readonly runtime: string; readonly version: string | null }): string {
  return `${env.pack}|${env.runtime}|${env.version ?? 'base'}`
}

export interface EnvLogView {
  readonly env: EnvView
  readonly text: string | null
  readonly file: string | null
  readonly error: UiError | null
}

const PROGRESS_LINES = 4

interface PacksState {
  readonly packs: readonly PackView[]
  readonly envs: readonly EnvView[]
  readonly loaded: boolean
  readonly error: UiError | null
  readonly adding: boolean
  readonly addError: UiError | null
  /** What the last add wants said (the folder was registered already). */
  readonly addNotice: string | null
  /** What is happening to a pack or env right now ('Rebuilding', 'Removing'...), by pack ref or env key. */
  readonly busy: Readonly<Record<string, string>>
  /** The last lines of setup output per env key, while it builds. */
  readonly progress: Readonly<Record<string, readonly string[]>>
  readonly envLog: EnvLogView | null
  refresh(): Promise<void>
  add(dir: string): Promise<boolean>
  /** The native folder picker (Electron); false when the host has none or it was cancelled. */
  pickAndAdd(): Promise<boolean>
  reload(ref: string): Promise<void>
  remove(ref: string): Promise<void>
  rebuild(env: EnvView): Promise<void>
  openLog(env: EnvView): Promise<void>
  closeLog(): void
  onEnvChanged(event: EventPayloads['env.changed']): void
  onEnvProgress(event: EventPayloads['env.progress']): void
}

const refreshNow = coalesce(async () => {
  try {
    const [packs, envs] = await Promise.all([api()['packs:list']({}), api()['envs:list']({})])
    usePacksStore.setState({ packs, envs, loaded: true, error: null })
  } catch (error) {
    usePacksStore.setState({ loaded: true, error: toUiError('Could not list the packs', error) })
  }
})

/** Registered packs and their environment trees. */
export const usePacksStore = create<PacksState>()((set, get) => {
  const during = async (key: string, label: string, title: string, task: () => Promise<unknown>): Promise<void> => {
    set({ busy: { ...get().busy, [key]: label } })
    try {
      await task()
    } catch (error) {
      set({ error: toUiError(title, error) })
    } finally {
      const { [key]: _done, ...rest } = get().busy
      set({ busy: rest })
      await refreshNow()
    }
  }
  return {
    packs: [],
    envs: [],
    loaded: false,
    error: null,
    adding: false,
    addError: null,
    addNotice: null,
    busy: {},
    progress: {},
    envLog: null,
    refresh: refreshNow,
    async add(dir) {
      set({ adding: true, addError: null, addNotice: null })
      try {
        const { notice } = await api()['packs:add']({ dir })
        set({ addNotice: notice ?? null })
        return true
      } catch (error) {
        set({ addError: toUiError(`Could not add the pack in ${dir}`, error) })
        return false
      } finally {
        set({ adding: false })
        await refreshNow()
      }
    },
    async pickAndAdd() {
      try {
        const { path } = await api()['dialog:pickFolder']({ title: 'Choose a pack folder' })
        return path === null ? false : get().add(path)
      } catch (error) {
        set({ addError: toUiError('The folder picker failed', error) })
        return false
      }
    },
    reload: (ref) => during(ref, 'Reloading', `Could not reload ${ref}`, () => api()['packs:reload']({ ref })),
    remove: (ref) => during(ref, 'Removing', `Could not remove ${ref}`, () => api()['packs:remove']({ ref })),
    rebuild: (env) =>
      during(envKey(env), 'Rebuilding', `Rebuilding ${env.runtimeName} ${env.version ?? 'base'} env of ${env.pack} failed`, () =>
        api()['envs:rebuild']({ pack: env.pack, runtime: env.runtime, version: env.version })
      ),
    async openLog(env) {
      set({ envLog: { env, text: null, file: null, error: null } })
      try {
        const log = await api()['envs:log']({ pack: env.pack, runtime: env.runtime, version: env.version })
        if (get().envLog?.env === env) set({ envLog: { env, text: log.text, file: log.file, error: null } })
      } catch (error) {
        if (get().envLog?.env === env) set({ envLog: { env, text: null, file: null, error: toUiError('Could not read the build log', error) } })
      }
    },
    closeLog: () => set({ envLog: null }),
    onEnvChanged(event) {
      if (event.status !== 'building') {
        const { [envKey(event)]: _finished, ...rest } = get().progress
        set({ progress: rest })
      }
      void refreshNow()
    },
    onEnvProgress(event) {
      const key = envKey(event)
      const lines = [...(get().progress[key] ?? []), event.line].slice(-PROGRESS_LINES)
      set({ progress: { ...get().progress, [key]: lines } })
    }
  }
})
