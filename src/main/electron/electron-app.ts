import { join } from 'node:path'
import { app, dialog, ipcMain, shell, type BrowserWindow } from 'electron'
import type { Workbench, WorkbenchOptions } from '../core/workbench'
import { registerElectronIpc, rendererUrlPolicy } from '../ipc/electron-ipc'
import { createFileLogger, debugEnabled } from '../ipc/file-logger'
import type { HostHooks } from '../ipc/handlers'
import { createRouter, type Router } from '../ipc/router'
import { engineEndpoint } from '../engine-socket/engine-endpoint'
import { retryWhileHomeHeld } from '../engine-socket/home-wait'
import { createStartupTracker } from '../ipc/startup-tracker'
import { createMainWindow, focusWindow } from './main-window'
import { applySecurityRestrictions } from './security'

export interface ElectronAppOptions {
  /** The built main's folder (`out/main`): preload and renderer lie beside it. */
  readonly baseDir: string
  readonly openWorkbench: (options: WorkbenchOptions) => Workbench
  /** Merge the login shell's PATH (an app started from a desktop has a minimal one). */
  readonly mergeDesktopPath: (env: NodeJS.ProcessEnv) => Promise<void>
  readonly env?: NodeJS.ProcessEnv
  readonly argv?: readonly string[]
  /** Serve the engine to local clients (the CLI beside the app) on the home's socket. */
  readonly serveEngine?: (options: { endpoint: string; router: Router; log?: (line: string) => void }) => Promise<{ close(): Promise<void> }>
  /** How long to wait for a short CLI command that holds the home; default `HOME_WAIT_MS`. */
  readonly homeWaitMs?: number
}

/**
 * The Electron host's composition root: single-instance lock, data home in `userData`, the engine,
 * the hardened window and its IPC, then startup in the worker's order with progress in the window.
 * Returns null when another instance holds the lock (that one is focused instead), else the promise
 * of the app being up.
 */
export function startElectronApp(options: ElectronAppOptions): Promise<void> | null {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return null
  }
  const env = options.env ?? process.env
  let window: BrowserWindow | null = null
  let workbench: Workbench | null = null
  let disposeIpc: (() => void) | null = null
  let engineServer: Promise<{ close(): Promise<void> } | null> | null = null

  app.on('second-instance', () => focusWindow(window))
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => {
    disposeIpc?.()
    void engineServer?.then((server) => server?.close())
    workbench?.close()
    workbench = null
  })

  return app.whenReady().then(async () => {
    await options.mergeDesktopPath(env)
    applySecurityRestrictions()
    const home = dataHome(options.argv ?? process.argv, env)
    try {
      // A short CLI command holding the home (it opened it in process) is waited for, not failed on.
      workbench = await retryWhileHomeHeld(() => options.openWorkbench({ home, env }), {
        pidFile: join(home, 'engine.pid'),
        waitMs: options.homeWaitMs,
        onWait: (message) => process.stderr.write(`${message}\n`)
      })
    } catch (error) {
      dialog.showErrorBox('Attune Workbench cannot start', error instanceof Error ? error.message : String(error))
      app.quit()
      return
    }
    const tracker = createStartupTracker(workbench)
    const rendererFile = join(options.baseDir, '../renderer/index.html')
    const devUrl = env.ELECTRON_RENDERER_URL
    const hooks: HostHooks = {
      kind: 'electron',
      version: app.getVersion(),
      startup: tracker.state,
      showInFolder: (path) => {
        shell.showItemInFolder(path)
        return true
      },
      pickFolder: async (title) => {
        const options = { title: title ?? 'Choose a pack folder', properties: ['openDirectory' as const] }
        const picked = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options)
        return picked.canceled ? null : (picked.filePaths[0] ?? null)
      }
    }
    disposeIpc = registerElectronIpc({
      ipcMain,
      router: createRouter(workbench, hooks),
      contents: () => (window && !window.isDestroyed() ? window.webContents : null),
      isTrustedUrl: rendererUrlPolicy({ rendererFile, devUrl }),
      log: createFileLogger(join(home, 'logs', 'ipc.log'), debugEnabled(env))
    })
    const socketLog = createFileLogger(join(home, 'logs', 'engine-socket.log'), debugEnabled(env))
    // Socket clients get the engine, not the window: no folder picker or file manager on their behalf.
    const socketRouter = createRouter(workbench, { kind: 'electron', version: app.getVersion(), startup: tracker.state })
    engineServer =
      options.serveEngine?.({ endpoint: engineEndpoint(home), router: socketRouter, log: socketLog }).catch((error: unknown) => {
        socketLog(`engine socket not served: ${error instanceof Error ? error.message : String(error)}`)
        return null
      }) ?? null
    window = createMainWindow({ preloadFile: join(options.baseDir, '../preload/index.js'), rendererFile, devUrl })
    window.on('closed', () => (window = null))
    void tracker.run()
  })
}

/** DESIGN.md "Data home": `--home DIR`, else ATTUNE_WORKBENCH_HOME, else Electron's `userData`. */
export function dataHome(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--home' && argv[i + 1]) return argv[i + 1] as string
    if (arg.startsWith('--home=') && arg.length > 7) return arg.slice(7)
  }
  return env.ATTUNE_WORKBENCH_HOME || app.getPath('userData')
}
