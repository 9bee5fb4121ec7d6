import { create } from 'zustand'
import { baseConfigLabel } from '../../../shared/domain/base-config'
import type { RuntimeView } from '../../../shared/domain/runtime'
import type { ImpactEntry } from '../../../shared/ipc/contract'
import { api } from '../api/api-client'
import { coalesce } from '../lib/coalesce'
import { toUiError, type UiError } from '../lib/ui-error'

/** A disable waiting for the user's confirmation, with what it would change. */
export interface PendingDisable {
  readonly runtime: string
  readonly runtimeName: string
  readonly version: string
  readonly impact: readonly ImpactEntry[] | null
  readonly error: UiError | null
}

interface RuntimesState {
  readonly runtimes: readonly RuntimeView[]
  readonly loaded: boolean
  readonly error: UiError | null
  /** Runtime refs being verified ('*' for all). */
  readonly verifying: readonly string[]
  readonly pending: PendingDisable | null
  refresh(): Promise<void>
  verify(runtime?: string): Promise<void>
  /** Enabling applies at once; disabling first previews its impact (see `pending`). */
  toggle(runtime: RuntimeView, version: string, enabled: boolean): Promise<void>
  confirmDisable(): Promise<void>
  cancelDisable(): void
}

const refreshNow = coalesce(async () => {
  try {
    useRuntimesStore.setState({ runtimes: await api()['runtimes:list']({}), loaded: true, error: null })
  } catch (error) {
    useRuntimesStore.setState({ loaded: true, error: toUiError('Could not list the runtimes', error) })
  }
})

/** Runtimes, their versions and the user's toggles. */
/** "base config: python3 = 3.11.2" for this runtime on this machine (plain "base config" while that is unknown). */
export function useBaseConfigLabel(runtimeRef: string | null): string {
  return useRuntimesStore((state) => baseConfigLabel(state.runtimes.find((runtime) => runtime.ref === runtimeRef)))
}

export const useRuntimesStore = create<RuntimesState>()((set, get) => ({
  runtimes: [],
  loaded: false,
  error: null,
  verifying: [],
  pending: null,
  refresh: refreshNow,
  async verify(runtime) {
    const key = runtime ?? '*'
    set({ verifying: [...get().verifying, key] })
    try {
      await api()['runtimes:verify'](runtime === undefined ? {} : { runtime })
      await refreshNow()
    } catch (error) {
      set({ error: toUiError(`Verification of ${runtime ?? 'the runtimes'} failed`, error) })
    } finally {
      set({ verifying: get().verifying.filter((entry) => entry !== key) })
    }
  },
  async toggle(runtime, version, enabled) {
    if (!enabled) {
      set({ pending: { runtime: runtime.ref, runtimeName: runtime.name, version, impact: null, error: null } })
      try {
        const impact = await api()['runtimes:impact']({ runtime: runtime.ref, version, enabled: false })
        if (get().pending?.version === version) set({ pending: { ...(get().pending as PendingDisable), impact } })
      } catch (error) {
        if (get().pending) set({ pending: { ...(get().pending as PendingDisable), error: toUiError('Could not work out what disabling would change', error) } })
      }
      return
    }
    await setEnabled(runtime.ref, runtime.name, version, true)
  },
  async confirmDisable() {
    const pending = get().pending
    if (!pending) return
    set({ pending: null })
    await setEnabled(pending.runtime, pending.runtimeName, pending.version, false)
  },
  cancelDisable: () => set({ pending: null })
}))

async function setEnabled(runtime: string, name: string, version: string, enabled: boolean): Promise<void> {
  try {
    await api()['runtimes:setEnabled']({ runtime, version, enabled })
    await refreshNow()
  } catch (error) {
    useRuntimesStore.setState({ error: toUiError(`Could not ${enabled ? 'enable' : 'disable'} ${name} ${version}`, error) })
  }
}
