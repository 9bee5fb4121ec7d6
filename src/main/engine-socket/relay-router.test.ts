import { describe, expect, it } from 'vitest'
import { createRouter } from '../ipc/router'
import { fakeWorkbench } from '../ipc/test-support/fake-workbench'
import { relayAsBrowserHost } from './relay-router'

describe('a browser host relaying to another process’s engine', () => {
  const picked: string[] = []
  const { workbench, events } = fakeWorkbench()
  const engine = createRouter(workbench, {
    kind: 'electron',
    version: '1.0.0',
    startup: () => ({ phase: 'ready', message: 'Ready' }),
    pickFolder: async () => (picked.push('dialog'), '/picked'),
    showInFolder: () => (picked.push('shown'), true)
  })
  const relay = relayAsBrowserHost(engine)

  it('answers app:info as a browser host with the engine’s home and startup', async () => {
    expect(await relay.handle('app:info', {})).toEqual({ ok: true, value: { host: 'browser', home: '/tmp/fake-home', version: '1.0.0', startup: { phase: 'ready', message: 'Ready' } } })
  })

  it('never opens a dialog or the file manager in the app, and refuses bad input to them', async () => {
    expect(await relay.handle('dialog:pickFolder', {})).toEqual({ ok: true, value: { path: null } })
    expect(await relay.handle('shell:showInFolder', { path: '/envs/x' })).toEqual({ ok: true, value: { path: '/envs/x', shown: false } })
    expect(await relay.handle('shell:showInFolder', { path: 7 })).toMatchObject({ ok: false, error: { kind: 'bad-input' } })
    expect(picked).toEqual([])
  })

  it('passes every other channel and every event through', async () => {
    expect(await relay.handle('runtimes:setEnabled', { runtime: 'python', version: '2.7', enabled: false })).toEqual({
      ok: false,
      error: { kind: 'bad-input', message: "Python has no version '2.7' (known versions: 3.12)" }
    })
    const seen: unknown[] = []
    const off = relay.subscribe((event, payload) => seen.push({ event, payload }))
    events.emit('pack.removed', { pack: 'demo' })
    off()
    expect(seen).toEqual([{ event: 'pack.removed', payload: { pack: 'demo' } }])
  })
})
