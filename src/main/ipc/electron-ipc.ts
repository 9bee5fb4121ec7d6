import { pathToFileURL } from 'node:url'
import { CHANNEL_NAMES, EVENT_CHANNEL } from '../../shared/ipc/channel-names'
import type { Envelope } from '../../shared/ipc/contract'
import { redactForLog } from './log-redaction'
import type { Router } from './router'

// Structural slices of Electron's types: this adapter lives beside the router and may not import
// 'electron' (lint-enforced layering), so src/main/electron hands the real objects in.

/** The part of `WebFrameMain` the sender check reads. */
export interface FrameLike {
  readonly url: string
  readonly parent: unknown
}

/** The part of `IpcMainInvokeEvent` the sender check reads. */
export interface InvokeEventLike {
  readonly sender: unknown
  readonly senderFrame: FrameLike | null
}

/** The part of `ipcMain`. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void
  removeHandler(channel: string): void
}

/** The part of `WebContents`. */
export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void
  isDestroyed(): boolean
}

export interface ElectronIpcOptions {
  readonly ipcMain: IpcMainLike
  readonly router: Router
  /** Our window's contents, or null while there is no window. */
  readonly contents: () => WebContentsLike | null
  /** Whether a frame URL is our renderer (see `rendererUrlPolicy`). */
  readonly isTrustedUrl: (url: string) => boolean
  /** Debug log; channel and redacted, truncated arguments of each call (see `redactForLog`). */
  readonly log?: (line: string) => void
}

/**
 * Bind every contract channel to the router through one wrapper (DESIGN.md "IPC"): the sender must
 * be our window's main frame showing our renderer; the raw input goes to the router, which parses it
 * with the channel's schema and answers with the ok/error envelope. Engine events are pushed to the
 * window on the one `event` channel. Returns the function that undoes all of it.
 */
export function registerElectronIpc(options: ElectronIpcOptions): () => void {
  const { ipcMain, router, contents, isTrustedUrl } = options
  const log = options.log ?? (() => undefined)
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, input): Promise<Envelope<unknown>> => {
      log(`ipc ${channel} ${redactForLog(input)}`)
      const refusal = checkSender(event, contents(), isTrustedUrl)
      if (refusal) {
        log(`ipc ${channel} refused: ${refusal}`)
        return { ok: false, error: { kind: 'forbidden', message: refusal } }
      }
      return router.handle(channel, input)
    })
  }
  const unsubscribe = router.subscribe((event, payload) => {
    const target = contents()
    if (target && !target.isDestroyed()) target.send(EVENT_CHANNEL, { event, payload })
  })
  return () => {
    unsubscribe()
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel)
  }
}

/** Why a call is refused, or null when it comes from our window's main frame showing our renderer. */
export function checkSender(event: InvokeEventLike, ours: WebContentsLike | null, isTrustedUrl: (url: string) => boolean): string | null {
  if (!ours || event.sender !== ours) return 'the call does not come from the workbench window'
  const frame = event.senderFrame
  if (!frame) return 'the calling frame is gone'
  if (frame.parent) return 'only the top frame of the workbench window may call'
  if (!isTrustedUrl(frame.url)) return `the calling page (${frame.url.slice(0, 100)}) is not the workbench renderer`
  return null
}

/**
 * The renderer's URLs: the built `index.html` as a file URL (any hash, no query), or, in development,
 * any page on the dev server's origin.
 */
export function rendererUrlPolicy(options: { readonly rendererFile: string; readonly devUrl?: string | undefined }): (url: string) => boolean {
  const fileUrl = pathToFileURL(options.rendererFile).href
  const devOrigin = options.devUrl ? safeOrigin(options.devUrl) : null
  return (url) => {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      return false
    }
    if (parsed.protocol === 'file:') return parsed.host === '' && `file://${parsed.pathname}` === fileUrl && parsed.search === ''
    return devOrigin !== null && devOrigin !== 'null' && parsed.origin === devOrigin
  }
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}
