import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { CHANNEL_NAMES, EVENT_CHANNEL, EVENT_NAMES } from '../shared/ipc/channel-names'
import type { Api, Envelope, EventName, EventPayloads } from '../shared/ipc/contract'

// The sandboxed preload (DESIGN.md "IPC"): one function per contract channel and `on` for events,
// nothing else — never ipcRenderer itself. Only channel names are imported: zod stays out of here.

/** An error envelope crosses contextBridge as an Error; its kind travels as a `[kind] ` prefix. */
async function invoke(channel: string, input: unknown): Promise<unknown> {
  const envelope = (await ipcRenderer.invoke(channel, input ?? {})) as Envelope<unknown>
  if (envelope.ok) return envelope.value
  throw new Error(`[${envelope.error.kind}] ${envelope.error.message}`)
}

function on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
  if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`unknown event '${String(event)}'`)
  const forward = (_event: IpcRendererEvent, message: { event: string; payload: unknown }): void => {
    if (message?.event === event) listener(message.payload as EventPayloads[E])
  }
  ipcRenderer.on(EVENT_CHANNEL, forward)
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, forward)
  }
}

const api = Object.fromEntries(CHANNEL_NAMES.map((channel) => [channel, (input: unknown) => invoke(channel, input)])) as unknown as Omit<Api, 'on'>

contextBridge.exposeInMainWorld('api', { ...api, on } satisfies Api)
