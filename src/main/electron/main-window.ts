import { BrowserWindow } from 'electron'
import { SECURE_WEB_PREFERENCES } from './security'

export interface MainWindowOptions {
  readonly preloadFile: string
  readonly rendererFile: string
  /** electron-vite's dev server (`ELECTRON_RENDERER_URL`), in development only. */
  readonly devUrl?: string | undefined
}

/** The one workbench window, hardened (DESIGN.md "Hosts"); shown once it has painted. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Attune Workbench',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: options.preloadFile }
  })
  window.once('ready-to-show', () => window.show())
  if (options.devUrl) void window.loadURL(options.devUrl)
  else void window.loadFile(options.rendererFile)
  return window
}

/** Bring the window forward (a second instance was started). */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}
