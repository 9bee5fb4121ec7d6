import { CHANNEL_NAMES } from '../../../shared/ipc/channel-names'
import type { Api } from '../../../shared/ipc/contract'
import { pageApiUrl } from '../../../shared/ipc/socket-url'
import { fromBridgeError } from './api-error'
import { createSocketApi, type ConnectionState } from './socket-client'

/**
 * The one `Api` the stores call: the preload's `window.api` in Electron, the WebSocket client in a
 * browser. Both reject with an `ApiError`; nothing above this module can tell them apart.
 * Only store actions import this module; components never do.
 */
export interface ApiClient {
  readonly api: Api
  connectionState(): ConnectionState
  onConnectionChange(listener: (state: ConnectionState) => void): () => void
}

let client: ApiClient | null = null

export function apiClient(): ApiClient {
  client ??= window.api ? bridgeClient(window.api) : socketClient()
  return client
}

/** Shorthand for store actions. */
export function api(): Api {
  return apiClient().api
}

function bridgeClient(bridge: Api): ApiClient {
  const channels = Object.fromEntries(
    CHANNEL_NAMES.map((channel) => [
      channel,
      async (input: unknown) => {
        try {
          return await (bridge[channel] as (input: unknown) => Promise<unknown>)(input)
        } catch (error) {
          throw fromBridgeError(error, channel)
        }
      }
    ])
  )
  return {
    api: { ...channels, on: bridge.on } as unknown as Api,
    connectionState: () => 'open',
    onConnectionChange: () => () => undefined
  }
}

function socketClient(): ApiClient {
  const socket = createSocketApi(pageApiUrl(window.location))
  return { api: socket.api, connectionState: socket.state, onConnectionChange: socket.onStateChange }
}
