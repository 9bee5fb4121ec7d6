import { app, session, shell, type WebContents, type WebPreferences } from 'electron'

/** The window settings DESIGN.md requires; the same object is used in tests. */
export const SECURE_WEB_PREFERENCES: Readonly<WebPreferences> = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  // Middle-click opens links in new windows (Electronegativity AUXCLICK_JS_CHECK); none are wanted.
  disableBlinkFeatures: 'Auxclick'
}

/**
 * CSP for the renderer in Electron: nothing is allowed unless named. index.html's meta policy also
 * lets the browser host's page reach its WebSocket (`ws://127.0.0.1:*`); in Electron this header is
 * enforced as well, and both must pass, so the window keeps `connect-src 'self'` (no sockets at all).
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/**
 * App-wide restrictions: no navigation away from the app, no new windows (https links open in the
 * browser), no webviews, every permission request denied, the CSP on every response.
 */
export function applySecurityRestrictions(): void {
  app.on('web-contents-created', (_event, contents) => restrictContents(contents))
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.defaultSession.setPermissionCheckHandler(() => false)
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
}

export function restrictContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== contents.getURL()) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
}

/** `openExternal` only for https. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}
