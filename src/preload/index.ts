import { contextBridge } from 'electron'

// The typed Api arrives with the IPC contract; until then the renderer only learns it runs in the app.
contextBridge.exposeInMainWorld('workbenchHost', { kind: 'electron' })
