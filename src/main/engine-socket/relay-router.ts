import { channels, type AppInfo, type Envelope } from '../../shared/ipc/contract'
import type { Router } from '../ipc/router'

const HOST_CHANNELS = { 'dialog:pickFolder': () => ({ path: null }), 'shell:showInFolder': (input: { path: string }) => ({ path: input.path, shown: false }) }

/**
 * A browser host serving another process's engine (`serve` beside the open app): every channel goes
 * to that engine, except what belongs to the host itself — `app:info` says it is a browser host, and
 * the folder picker and "show in folder" are answered here as a browser host answers them, so a page
 * can never open a dialog in the desktop app.
 */
export function relayAsBrowserHost(engine: Router): Router {
  return {
    subscribe: (listener) => engine.subscribe(listener),
    async handle(channel, input): Promise<Envelope<unknown>> {
      if (channel === 'dialog:pickFolder' || channel === 'shell:showInFolder') {
        const parsed = channels[channel].input.safeParse(input ?? {})
        if (!parsed.success) return { ok: false, error: { kind: 'bad-input', message: `${channel}: ${parsed.error.issues.map((issue) => issue.message).join('; ')}` } }
        return { ok: true, value: HOST_CHANNELS[channel](parsed.data as { path: string }) }
      }
      const envelope = await engine.handle(channel, input)
      if (channel !== 'app:info' || !envelope.ok) return envelope
      return { ok: true, value: { ...(envelope.value as AppInfo), host: 'browser' } }
    }
  }
}
