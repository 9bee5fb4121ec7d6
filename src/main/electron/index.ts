import { join } from 'node:path'
import { app, BrowserWindow } from 'electron'
import { mergeDesktopPath } from './desktop-path'
import { applySecurityRestrictions, SECURE_WEB_PREFERENCES } from './security'

// The Electron host. The engine is composed in the main process; this file only wires Electron.
let mainWindow: BrowserWindow | null = null

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Attune Workbench',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(__dirname, '../preload/index.js') }
  })
  window.once('ready-to-show', () => window.show())
  if (process.env.ELECTRON_RENDERER_URL) void window.loadURL(process.env.ELECTRON_RENDERER_URL)
  else void window.loadFile(join(__dirname, '../renderer/index.html'))
  return window
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.whenReady().then(async () => {
    await mergeDesktopPath(process.env)
    applySecurityRestrictions()
    mainWindow = createWindow()
    mainWindow.on('closed', () => (mainWindow = null))
  })
  app.on('window-all-closed', () => app.quit())
}
