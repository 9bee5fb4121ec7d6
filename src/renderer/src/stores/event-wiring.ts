import { apiClient } from '../api/api-client'
import { useActionsStore } from './actions-store'
import { useAppStore } from './app-store'
import { useExecutionsStore } from './executions-store'
import { usePacksStore } from './packs-store'
import { useRuntimesStore } from './runtimes-store'

/** Fetch everything the views show (first load, after a reconnect, when startup is ready). */
export function refreshAll(): void {
  void useAppStore.getState().load()
  void useRuntimesStore.getState().refresh()
  void usePacksStore.getState().refresh()
  void useActionsStore.getState().refresh()
  void useExecutionsStore.getState().refreshList()
  const { detailId, matrixId, open, openMatrix } = useExecutionsStore.getState()
  if (detailId !== null) void open(detailId)
  if (matrixId !== null) void openMatrix(matrixId)
}

/**
 * The main side pushes "changed" events; each store refetches what it shows. Subscribes before the
 * first load, so nothing that happens in between is missed. Returns the unsubscribe.
 */
export function connectStores(): () => void {
  const client = apiClient()
  const { api } = client
  const runtimesChanged = (): void => {
    void useRuntimesStore.getState().refresh()
    void useActionsStore.getState().refresh()
  }
  const packsChanged = (): void => {
    void usePacksStore.getState().refresh()
    void useActionsStore.getState().refresh()
  }
  const offs = [
    api.on('startup.progress', (startup) => {
      useAppStore.getState().setStartup(startup)
      if (startup.phase === 'ready' || startup.phase === 'failed') refreshAll()
      else runtimesChanged()
    }),
    api.on('runtime.verified', runtimesChanged),
    api.on('runtime.changed', runtimesChanged),
    api.on('pack.registered', packsChanged),
    api.on('pack.removed', packsChanged),
    api.on('env.changed', (event) => usePacksStore.getState().onEnvChanged(event)),
    api.on('env.progress', (event) => usePacksStore.getState().onEnvProgress(event)),
    api.on('execution.updated', (event) => useExecutionsStore.getState().onExecutionUpdated(event)),
    api.on('log.chunk', (event) => useExecutionsStore.getState().onLogChunk(event)),
    client.onConnectionChange((state) => {
      useAppStore.getState().setConnection(state)
      if (state === 'open') refreshAll()
    })
  ]
  // The WebSocket client announces 'open' (and so the first load) itself; the preload is open at once.
  if (client.connectionState() === 'open') refreshAll()
  const syncRoute = (): void => useAppStore.getState().syncRoute(window.location.hash)
  window.addEventListener('hashchange', syncRoute)
  return () => {
    offs.forEach((off) => off())
    window.removeEventListener('hashchange', syncRoute)
  }
}
