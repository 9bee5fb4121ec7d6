import { create } from 'zustand'
import type { AppInfo, StartupState } from '../../../shared/ipc/contract'
import { api, apiClient } from '../api/api-client'
import type { ConnectionState } from '../api/socket-client'
import { parseRoute, type Route } from '../lib/route'
import { toUiError, type UiError } from '../lib/ui-error'

export type Theme = 'light' | 'dark'
const THEME_KEY = 'attune-workbench.theme'

interface AppState {
  readonly info: AppInfo | null
  readonly startup: StartupState
  readonly connection: ConnectionState
  readonly route: Route
  /** The user's choice; null follows the system (prefers-color-scheme). */
  readonly theme: Theme | null
  readonly error: UiError | null
  /** A short message for the user (e.g. a path the browser cannot reveal). */
  readonly notice: string | null
  load(): Promise<void>
  setStartup(startup: StartupState): void
  setConnection(connection: ConnectionState): void
  syncRoute(hash: string): void
  setTheme(theme: Theme | null): void
  notify(notice: string | null): void
  /** Reveal a file or folder in the desktop's file manager; the browser can only say where it is. */
  showInFolder(path: string): Promise<void>
}

/** Host, startup progress, connection, route, theme. */
export const useAppStore = create<AppState>()((set) => ({
  info: null,
  startup: { phase: 'starting', message: 'Connecting' },
  connection: apiClient().connectionState(),
  route: parseRoute(window.location.hash),
  theme: readTheme(),
  error: null,
  notice: null,
  async load() {
    try {
      const info = await api()['app:info']({})
      set({ info, startup: info.startup, error: null })
    } catch (error) {
      set({ error: toUiError('The workbench did not answer', error) })
    }
  },
  setStartup: (startup) => set({ startup }),
  setConnection: (connection) => set({ connection }),
  syncRoute: (hash) => set({ route: parseRoute(hash) }),
  setTheme(theme) {
    try {
      if (theme) window.localStorage.setItem(THEME_KEY, theme)
      else window.localStorage.removeItem(THEME_KEY)
    } catch {
      // Storage may be unavailable (a locked-down profile); the choice then lasts for this page.
    }
    set({ theme })
  },
  notify: (notice) => set({ notice }),
  async showInFolder(path) {
    try {
      const { shown } = await api()['shell:showInFolder']({ path })
      if (!shown) set({ notice: `A browser cannot open folders. The path is ${path}` })
    } catch (error) {
      set({ error: toUiError(`Could not show ${path}`, error) })
    }
  }
}))

function readTheme(): Theme | null {
  try {
    const value = window.localStorage.getItem(THEME_KEY)
    return value === 'light' || value === 'dark' ? value : null
  } catch {
    return null
  }
}
