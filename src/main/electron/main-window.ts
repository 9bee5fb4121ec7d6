import { BrowserWindow } from 'electron'

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
    // Spelled out rather than spread from SECURE_WEB_PREFERENCES (security.ts), so static checks (npm run
    // electronegativity) can see them; electron-app.test.ts asserts they are exactly those.
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      preload: options.preloadFile
    }
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
