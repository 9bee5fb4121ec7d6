/**
 * How a page asks the browser host for `log.chunk` events only of the runs whose log it reads (`executions:log`),
 * instead of every run's output: `?log-chunks=read` on the API's URL. Other clients get every event.
 */
export const LOG_CHUNKS_PARAM = { name: 'log-chunks', read: 'read' } as const

/** Where the page's WebSocket connects on the browser host. */
export const API_PATH = '/api'

/** The API's WebSocket URL for the renderer's page at `location` (where the page was served from). */
export function pageApiUrl(location: { readonly protocol: string; readonly host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}${API_PATH}?${LOG_CHUNKS_PARAM.name}=${LOG_CHUNKS_PARAM.read}`
}
