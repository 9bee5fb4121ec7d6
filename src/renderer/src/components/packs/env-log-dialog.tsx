import { useMemo } from 'react'
import { LogBuffer } from '../../lib/log-buffer'
import { useAppStore } from '../../stores/app-store'
import { usePacksStore, type EnvLogView } from '../../stores/packs-store'
import { Dialog } from '../common/dialog'
import { ErrorNotice } from '../common/error-notice'
import { LogView } from '../executions/log-view'

/** The setup log of an env's last build. */
export function EnvLogDialog({ log }: { readonly log: EnvLogView }) {
  const closeLog = usePacksStore((state) => state.closeLog)
  const showInFolder = useAppStore((state) => state.showInFolder)
  const label = `${log.env.pack} · ${log.env.runtimeName} ${log.env.version ?? 'base'}`
  const tail = useMemo(() => {
    const buffer = new LogBuffer()
    buffer.append(log.text ?? '')
    return { buffer, done: true }
  }, [log.text])
  return (
    <Dialog title={`Build log — ${label}`} onClose={closeLog} wide>
      {log.error ? <ErrorNotice error={log.error} /> : null}
      {log.text === null && !log.error ? <p className="loading">Reading the log…</p> : null}
      {log.file ? (
        <p className="muted small path">
          {log.file}{' '}
          <button type="button" className="link-button" onClick={() => void showInFolder(log.file as string)}>
            Show in folder
          </button>
        </p>
      ) : null}
      {log.text !== null ? (
        <div className="build-log build-log-view">
          <LogView tail={tail} revision={0} label={`Build log of ${label}`} live={false} fileName={`env-${log.env.pack}-${log.env.runtimeName}-${log.env.version ?? 'base'}.log`} />
        </div>
      ) : null}
    </Dialog>
  )
}
