import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNEL_NAMES } from '../../shared/ipc/channel-names'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { HomeLockedError } from '../core/store/database'
import { openWorkbench } from '../core/workbench'
import type { Router } from '../ipc/router'
import { fakeWorkbench } from '../ipc/test-support/fake-workbench'

// Electron cannot run here: the module is mocked, and the composition root is driven through it.
const electron = vi.hoisted(() => {
  const appHandlers: Record<string, (...args: unknown[]) => void> = {}
  const ipcHandlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>()
  const windows: FakeWindow[] = []
  interface FakeWindow {
    options: Record<string, unknown>
    webContents: { send: ReturnType<typeof vi.fn>; isDestroyed: () => boolean; mainFrame: { url: string; parent: null } }
    minimized: boolean
    restore: ReturnType<typeof vi.fn>
    focus: ReturnType<typeof vi.fn>
    show: ReturnType<typeof vi.fn>
    loadFile: ReturnType<typeof vi.fn>
    loadURL: ReturnType<typeof vi.fn>
  }
  class BrowserWindow {
    webContents = { send: vi.fn(), isDestroyed: () => false, mainFrame: { url: '', parent: null } }
    minimized = true
    restore = vi.fn(() => (this.minimized = false))
    focus = vi.fn()
    show = vi.fn()
    loadFile = vi.fn(async (file: string) => void (this.webContents.mainFrame.url = `file://${file}`))
    loadURL = vi.fn(async () => undefined)
    constructor(public options: Record<string, unknown>) {
      windows.push(this as unknown as FakeWindow)
    }
    on() {}
    once() {}
    isMinimized() {
      return this.minimized
    }
    isDestroyed() {
      return false
    }
  }
  return {
    appHandlers,
    ipcHandlers,
    windows,
    lock: { value: true },
    app: {
      requestSingleInstanceLock: vi.fn(() => electron.lock.value),
      quit: vi.fn(),
      on: vi.fn((name: string, fn: (...args: unknown[]) => void) => void (appHandlers[name] = fn)),
      whenReady: vi.fn(async () => undefined),
      getPath: vi.fn((name: string) => `/fake/${name}`),
      getVersion: vi.fn(() => '9.9.9')
    },
    BrowserWindow,
    ipcMain: {
      handle: vi.fn((channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => void ipcHandlers.set(channel, fn)),
      removeHandler: vi.fn((channel: string) => void ipcHandlers.delete(channel))
    },
    dialog: { showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/picked/pack'] })), showErrorBox: vi.fn() },
    shell: { showItemInFolder: vi.fn(), openExternal: vi.fn() },
    session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), webRequest: { onHeadersReceived: vi.fn() } } }
  }
})
vi.mock('electron', () => electron)

const { dataHome, startElectronApp } = await import('./electron-app')
const { SECURE_WEB_PREFERENCES } = await import('./security')

async function start(options: { openFails?: Error } = {}) {
  const fake = fakeWorkbench()
  const openWorkbench = vi.fn(() => {
    if (options.openFails) throw options.openFails
    return fake.workbench
  })
  const mergeDesktopPath = vi.fn(async () => undefined)
  const ready = startElectronApp({ baseDir: '/app/out/main', openWorkbench, mergeDesktopPath, env: {}, argv: ['electron', '.'] })
  await ready
  await new Promise((resolve) => setTimeout(resolve, 0))
  return { ready, openWorkbench, mergeDesktopPath, fake, window: electron.windows[electron.windows.length - 1] }
}

function invoke(channel: string, input: unknown) {
  const window = electron.windows[electron.windows.length - 1]
  const handler = electron.ipcHandlers.get(channel)
  if (!window || !handler) throw new Error(`no window or no handler for ${channel}`)
  return handler({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, input)
}

describe('Electron main wiring', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    electron.windows.length = 0
    electron.ipcHandlers.clear()
    electron.lock.value = true
  })

  it('quits at once when another instance holds the lock', () => {
    electron.lock.value = false
    const result = startElectronApp({ baseDir: '/app/out/main', openWorkbench: vi.fn(), mergeDesktopPath: vi.fn(), env: {}, argv: [] })
    expect(result).toBeNull()
    expect(electron.app.quit).toHaveBeenCalled()
    expect(electron.app.whenReady).not.toHaveBeenCalled()
  })

  it('opens the engine on userData after merging the desktop PATH, and a hardened window', async () => {
    const { openWorkbench, mergeDesktopPath, window } = await start()
    expect(mergeDesktopPath).toHaveBeenCalled()
    expect(openWorkbench).toHaveBeenCalledWith({ home: '/fake/userData', env: {} })
    expect(window?.options.webPreferences).toEqual({ ...SECURE_WEB_PREFERENCES, preload: '/app/out/preload/index.js' })
    expect(window?.loadFile).toHaveBeenCalledWith('/app/out/renderer/index.html')
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled()
  })

  it('registers every channel and answers the window with the electron host', async () => {
    await start()
    expect([...electron.ipcHandlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort())
    await expect(invoke('app:info', {})).resolves.toMatchObject({ ok: true, value: { host: 'electron', version: '9.9.9', home: '/tmp/fake-home' } })
  })

  it('refuses a call from a page that is not the renderer', async () => {
    const { window } = await start()
    const handler = electron.ipcHandlers.get('runtimes:list')
    const envelope = await handler?.({ sender: window?.webContents, senderFrame: { url: 'https://evil.example/', parent: null } }, {})
    expect(envelope).toMatchObject({ ok: false, error: { kind: 'forbidden' } })
  })

  it('pushes startup progress to the window in the worker order', async () => {
    const { window } = await start()
    const phases = window?.webContents.send.mock.calls.filter(([channel, message]) => channel === 'event' && message.event === 'startup.progress').map(([, message]) => message.payload.phase)
    expect(phases).toEqual(['verifying', 'envs', 'ready'])
    await expect(invoke('app:info', {})).resolves.toMatchObject({ value: { startup: { phase: 'ready' } } })
  })

  it('focuses the existing window when a second instance starts', async () => {
    const { window } = await start()
    electron.appHandlers['second-instance']?.()
    expect(window?.restore).toHaveBeenCalled()
    expect(window?.focus).toHaveBeenCalled()
  })

  it('picks folders with the native dialog and reveals paths with the shell', async () => {
    await start()
    await expect(invoke('dialog:pickFolder', {})).resolves.toEqual({ ok: true, value: { path: '/picked/pack' } })
    expect(electron.dialog.showOpenDialog).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ properties: ['openDirectory'] }))
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] })
    await expect(invoke('dialog:pickFolder', {})).resolves.toEqual({ ok: true, value: { path: null } })
    await expect(invoke('shell:showInFolder', { path: '/envs/python-3.12' })).resolves.toEqual({ ok: true, value: { path: '/envs/python-3.12', shown: true } })
    expect(electron.shell.showItemInFolder).toHaveBeenCalledWith('/envs/python-3.12')
  })

  it('closes the engine when the app quits', async () => {
    const { fake } = await start()
    electron.appHandlers['will-quit']?.()
    expect(fake.close.count).toBe(1)
    expect(electron.ipcHandlers.size).toBe(0)
  })

  it('says why in a dialog and quits when the engine cannot open', async () => {
    await start({ openFails: new Error('The data home database is in use by another Attune Workbench process') })
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('Attune Workbench cannot start', expect.stringContaining('in use'))
    expect(electron.app.quit).toHaveBeenCalled()
    expect(electron.windows).toHaveLength(0)
  })
})

describe('Electron main as the home’s engine', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    electron.windows.length = 0
    electron.ipcHandlers.clear()
    electron.lock.value = true
  })

  it('serves the engine on the home’s socket as the electron host, and stops serving when the app quits', async () => {
    const server = { close: vi.fn(async () => undefined) }
    const serveEngine = vi.fn(async (_options: { endpoint: string; router: Router }) => server)
    const { workbench } = fakeWorkbench()
    await startElectronApp({ baseDir: '/app/out/main', openWorkbench: () => workbench, mergeDesktopPath: async () => undefined, serveEngine, env: {}, argv: ['electron', '.', '--home', '/homes/ada'] })
    expect(serveEngine).toHaveBeenCalledTimes(1)
    const { endpoint, router } = serveEngine.mock.calls[0]![0]
    expect(endpoint).toBe('/homes/ada/run/engine.sock')
    await expect(router.handle('app:info', {})).resolves.toMatchObject({ ok: true, value: { host: 'electron' } })
    // A socket client never opens a dialog in the app.
    await expect(router.handle('dialog:pickFolder', {})).resolves.toEqual({ ok: true, value: { path: null } })
    expect(electron.dialog.showOpenDialog).not.toHaveBeenCalled()
    electron.appHandlers['will-quit']?.()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(server.close).toHaveBeenCalled()
  })

  it('waits for a short command holding the home instead of failing', async () => {
    const home = mkdtempSync(join(tmpdir(), 'attune-electron-'))
    // A live process (this one) holds the home, as a CLI command running in process would.
    writeFileSync(join(home, 'engine.pid'), String(process.pid))
    const { workbench } = fakeWorkbench()
    let attempts = 0
    const openWorkbench = vi.fn(() => {
      if (++attempts < 3) throw new HomeLockedError(join(home, 'workbench.db'))
      return workbench
    })
    await startElectronApp({ baseDir: '/app/out/main', openWorkbench, mergeDesktopPath: async () => undefined, env: {}, argv: ['electron', '--home', home] })
    expect(openWorkbench).toHaveBeenCalledTimes(3)
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled()
    expect(electron.windows).toHaveLength(1)
    rmSync(home, { recursive: true, force: true })
  })
})

describe('Electron main with a better-sqlite3 it cannot load', () => {
  beforeEach(() => {
    vi.clearAllMocks()
    electron.windows.length = 0
    electron.lock.value = true
  })

  it('says in the dialog which command fixes it, without a stack trace', async () => {
    const home = mkdtempSync(join(tmpdir(), 'attune-electron-abi-'))
    // This process posing as Electron's main: the engine then loads Electron's build, which is not made here.
    Object.defineProperty(process.versions, 'electron', { value: '45.5.0', configurable: true, enumerable: true })
    try {
      await startElectronApp({ baseDir: '/app/out/main', openWorkbench, mergeDesktopPath: async () => undefined, env: {}, argv: ['electron', '--home', home] })
    } finally {
      Reflect.deleteProperty(process.versions, 'electron')
      rmSync(home, { recursive: true, force: true })
    }
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('Attune Workbench cannot start', expect.stringMatching(/^The desktop app cannot load its SQLite module \(better-sqlite3\) for Electron 45\.5\.0: .* Run "npm run rebuild:electron" in .*, then start the app again\.$/))
    expect(electron.dialog.showErrorBox.mock.calls[0]?.[1]).not.toMatch(/\n\s+at /)
    expect(electron.windows).toHaveLength(0)
  })
})

describe('data home', () => {
  it('prefers --home, then ATTUNE_WORKBENCH_HOME, then userData', () => {
    expect(dataHome(['electron', '.', '--home', '/a'], { ATTUNE_WORKBENCH_HOME: '/b' })).toBe('/a')
    expect(dataHome(['electron', '--home=/c'], {})).toBe('/c')
    expect(dataHome([], { ATTUNE_WORKBENCH_HOME: '/b' })).toBe('/b')
    expect(dataHome([], {})).toBe('/fake/userData')
  })
})
