import { beforeEach, describe, expect, it, vi } from 'vitest'

// Electron cannot run here; the module is mocked so the wiring itself is what gets tested.
const electron = vi.hoisted(() => {
  const handlers: Record<string, (...args: unknown[]) => void> = {}
  return {
    handlers,
    app: { on: vi.fn((name: string, fn: (...args: unknown[]) => void) => (handlers[`app:${name}`] = fn)) },
    shell: { openExternal: vi.fn(async () => undefined) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() }
      }
    }
  }
})
vi.mock('electron', () => electron)

const { applySecurityRestrictions, CONTENT_SECURITY_POLICY, isSafeExternalUrl, restrictContents, SECURE_WEB_PREFERENCES } = await import('./security')

function fakeContents(url = 'file:///app/index.html') {
  const listeners: Record<string, (...args: unknown[]) => void> = {}
  let openHandler: ((details: { url: string }) => { action: string }) | null = null
  return {
    listeners,
    open: (target: string) => openHandler?.({ url: target }),
    contents: {
      on: (name: string, fn: (...args: unknown[]) => void) => (listeners[name] = fn),
      getURL: () => url,
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn)
    }
  }
}

describe('Electron security restrictions', () => {
  beforeEach(() => vi.clearAllMocks())

  it('uses isolated, sandboxed windows without Node or webviews', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true })
  })

  it('builds the CSP from default-src none', () => {
    expect(CONTENT_SECURITY_POLICY.startsWith("default-src 'none'")).toBe(true)
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval')
  })

  it("keeps the window off every socket: connect-src is 'self' only (the browser host's ws is for the browser)", () => {
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self';")
    expect(CONTENT_SECURITY_POLICY).not.toContain('ws:')
  })

  it('blocks navigation away from the app and webview attachment', () => {
    const fake = fakeContents()
    restrictContents(fake.contents as never)
    const away = { preventDefault: vi.fn() }
    fake.listeners['will-navigate']?.(away, 'https://evil.example/')
    expect(away.preventDefault).toHaveBeenCalled()
    const webview = { preventDefault: vi.fn() }
    fake.listeners['will-attach-webview']?.(webview)
    expect(webview.preventDefault).toHaveBeenCalled()
  })

  it('denies new windows and opens only https links externally', () => {
    const fake = fakeContents()
    restrictContents(fake.contents as never)
    expect(fake.open('https://docs.example/')).toEqual({ action: 'deny' })
    expect(fake.open('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(fake.open('http://plain.example/')).toEqual({ action: 'deny' })
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1)
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://docs.example/')
  })

  it('denies every permission request and sets the CSP header on responses', () => {
    applySecurityRestrictions()
    const request = electron.session.defaultSession.setPermissionRequestHandler.mock.calls[0]?.[0] as (c: unknown, p: string, cb: (ok: boolean) => void) => void
    const answers: boolean[] = []
    request({}, 'media', (ok) => answers.push(ok))
    request({}, 'notifications', (ok) => answers.push(ok))
    expect(answers).toEqual([false, false])
    const headers = electron.session.defaultSession.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void
    let set: Record<string, string[]> = {}
    headers({ responseHeaders: {} }, (r) => (set = r.responseHeaders))
    expect(set['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY])
    expect(electron.app.on).toHaveBeenCalledWith('web-contents-created', expect.any(Function))
  })

  it('accepts only well-formed https URLs as external', () => {
    expect(isSafeExternalUrl('https://a.example/x')).toBe(true)
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false)
    expect(isSafeExternalUrl('not a url')).toBe(false)
  })
})
