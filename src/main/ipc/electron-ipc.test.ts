import { describe, expect, it, vi } from 'vitest'
import { CHANNEL_NAMES } from '../../shared/ipc/channel-names'
import { checkSender, registerElectronIpc, rendererUrlPolicy, type InvokeEventLike } from './electron-ipc'
import { createRouter } from './router'
import { fakeWorkbench } from './test-support/fake-workbench'

const RENDERER = '/app/out/renderer/index.html'
type Handler = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>

function setup() {
  const { workbench, events } = fakeWorkbench()
  const handlers = new Map<string, Handler>()
  const ipcMain = { handle: vi.fn((channel: string, handler: Handler) => void handlers.set(channel, handler)), removeHandler: vi.fn((channel: string) => void handlers.delete(channel)) }
  const contents = { send: vi.fn(), isDestroyed: vi.fn(() => false) }
  const router = createRouter(workbench, { kind: 'electron', version: '1.2.3', startup: () => ({ phase: 'ready', message: 'Ready' }) })
  const handle = vi.spyOn(router, 'handle')
  const log = vi.fn()
  const dispose = registerElectronIpc({ ipcMain, router, contents: () => contents, isTrustedUrl: rendererUrlPolicy({ rendererFile: RENDERER }), log })
  const mainFrame = { url: `file://${RENDERER}#/runtimes`, parent: null }
  const call = (channel: string, input: unknown, event: Partial<InvokeEventLike> = {}) =>
    (handlers.get(channel) as Handler)({ sender: contents, senderFrame: mainFrame, ...event }, input)
  return { handlers, ipcMain, contents, handle, log, dispose, call, events, mainFrame }
}

describe('Electron IPC adapter', () => {
  it('registers every contract channel through the one wrapper', () => {
    const { handlers } = setup()
    expect([...handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort())
  })

  it('answers our main frame with the ok envelope', async () => {
    const { call } = setup()
    await expect(call('app:info', {})).resolves.toEqual({
      ok: true,
      value: { host: 'electron', home: '/tmp/fake-home', version: '1.2.3', startup: { phase: 'ready', message: 'Ready' } }
    })
  })

  it('refuses another window, a sub-frame, a foreign page and a vanished frame before the router sees the call', async () => {
    const { call, handle, mainFrame } = setup()
    const foreignContents = { send: vi.fn(), isDestroyed: () => false }
    for (const event of [
      { sender: foreignContents },
      { senderFrame: { url: mainFrame.url, parent: mainFrame } },
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: { url: 'file:///tmp/other.html', parent: null } },
      { senderFrame: null }
    ]) {
      const envelope = (await call('runtimes:list', {}, event)) as { ok: boolean; error: { kind: string } }
      expect(envelope.ok).toBe(false)
      expect(envelope.error.kind).toBe('forbidden')
    }
    expect(handle).not.toHaveBeenCalled()
  })

  it('passes the raw input to the router, whose schema errors come back as envelopes', async () => {
    const { call, handle } = setup()
    const envelope = await call('runtimes:setEnabled', { runtime: 'python', enabled: 'yes' })
    expect(handle).toHaveBeenCalledWith('runtimes:setEnabled', { runtime: 'python', enabled: 'yes' })
    expect(envelope).toMatchObject({ ok: false, error: { kind: 'bad-input' } })
    expect((envelope as { error: { message: string } }).error.message).toMatch(/version/)
  })

  it('turns an engine error into its envelope', async () => {
    const { call } = setup()
    await expect(call('runtimes:setEnabled', { runtime: 'python', version: '2.7', enabled: false })).resolves.toEqual({
      ok: false,
      error: { kind: 'bad-input', message: "Python has no version '2.7' (known versions: 3.12)" }
    })
  })

  it('logs the channel with truncated arguments', async () => {
    const { call, log } = setup()
    await call('packs:add', { dir: 'x'.repeat(1000) })
    const line = log.mock.calls.map(([text]) => String(text)).find((text) => text.startsWith('ipc packs:add'))
    expect(line).toBeDefined()
    expect((line as string).length).toBeLessThan(300)
    expect(line).toContain('chars)')
  })

  it('never logs parameter values or credentials, only the channel and the redacted shape (issue 9)', async () => {
    const { call, log } = setup()
    const secret = 'tok-5f2a9c-never-logged'
    await call('executions:start', { action: 'demo.hello', parameters: { api_token: secret, name: secret } })
    await call('matrix:start', { action: 'demo.hello', parameters: { api_token: secret } })
    await call('executions:rerun', { id: 3, secrets: { api_token: secret } })
    await call('packs:add', { dir: '/packs/demo', token: secret })
    const lines = log.mock.calls.map(([text]) => String(text))
    expect(lines.join('\n')).not.toContain(secret)
    expect(lines).toContain('ipc executions:start {"action":"demo.hello","parameters":{"api_token":"***","name":"***"}}')
    expect(lines).toContain('ipc executions:rerun {"id":3,"secrets":{"api_token":"***"}}')
    expect(lines.some((line) => line.startsWith('ipc matrix:start {"action":"demo.hello","parameters":{"api_token":"***"}}'))).toBe(true)
  })

  it('forwards engine events to the window on the one event channel, and stops on dispose', () => {
    const { events, contents, dispose, ipcMain } = setup()
    events.emit('runtime.changed', { runtime: 'core.python', version: '3.13' })
    expect(contents.send).toHaveBeenCalledWith('event', { event: 'runtime.changed', payload: { runtime: 'core.python', version: '3.13' } })
    contents.isDestroyed.mockReturnValue(true)
    events.emit('pack.removed', { pack: 'x' })
    expect(contents.send).toHaveBeenCalledTimes(1)
    dispose()
    contents.isDestroyed.mockReturnValue(false)
    events.emit('pack.removed', { pack: 'y' })
    expect(contents.send).toHaveBeenCalledTimes(1)
    expect(ipcMain.removeHandler).toHaveBeenCalledTimes(CHANNEL_NAMES.length)
  })
})

describe('renderer URL policy', () => {
  it('accepts the built index.html with any hash, nothing else on disk', () => {
    const trusted = rendererUrlPolicy({ rendererFile: RENDERER })
    expect(trusted(`file://${RENDERER}`)).toBe(true)
    expect(trusted(`file://${RENDERER}#/executions/3`)).toBe(true)
    expect(trusted(`file://${RENDERER}?x=1`)).toBe(false)
    expect(trusted('file:///app/out/renderer/other.html')).toBe(false)
    expect(trusted('http://localhost:5173/')).toBe(false)
    expect(trusted('not a url')).toBe(false)
  })

  it('accepts the dev server origin in development', () => {
    const trusted = rendererUrlPolicy({ rendererFile: RENDERER, devUrl: 'http://localhost:5173' })
    expect(trusted('http://localhost:5173/#/packs')).toBe(true)
    expect(trusted('http://localhost:5174/')).toBe(false)
  })

  it('names the reason of a refusal', () => {
    const ours = { send: () => undefined, isDestroyed: () => false }
    expect(checkSender({ sender: ours, senderFrame: { url: 'https://evil.example/', parent: null } }, ours, () => false)).toMatch(/not the workbench renderer/)
    expect(checkSender({ sender: ours, senderFrame: null }, null, () => true)).toMatch(/workbench window/)
  })
})
