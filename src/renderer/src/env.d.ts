import type { Api } from '../../shared/ipc/contract'

declare global {
  interface Window {
    /** The preload's typed API; absent in a browser, where the WebSocket client stands in. */
    readonly api?: Api
  }
}
