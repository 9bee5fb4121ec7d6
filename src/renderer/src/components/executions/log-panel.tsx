import { useState } from 'react'
import type { ExecutionView } from '../../../../shared/domain/execution'
import { formatBytes } from '../../lib/format'
import { useExecutionsStore } from '../../stores/executions-store'
import { LogView } from './log-view'

type Stream = 'stdout' | 'stderr'

/** The run's output and error streams as tabs over one live log. */
export function LogPanel({ execution }: { readonly execution: ExecutionView }) {
  const tails = useExecutionsStore((state) => (state.tails?.id === execution.id ? state.tails : null))
  const revision = useExecutionsStore((state) => state.logRevision)
  const [chosen, setChosen] = useState<Stream | null>(null)
  if (!tails) return null
  const stream: Stream = chosen ?? (tails.stdout.size === 0 && tails.stderr.size > 0 ? 'stderr' : 'stdout')
  const live = execution.status === 'running' || execution.status === 'requested'
  const tabs: { id: Stream; label: string }[] = [
    { id: 'stdout', label: 'Output' },
    { id: 'stderr', label: 'Errors' }
  ]
  return (
    <section className="card log-card" aria-label="Log">
      <div className="log-tabs" role="tablist" aria-label="Streams">
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            aria-selected={stream === tab.id}
            className={stream === tab.id ? 'tab active' : 'tab'}
            onClick={() => setChosen(tab.id)}
          >
            {tab.label} <span className="muted small">{formatBytes(tails[tab.id].size)}</span>
          </button>
        ))}
        {live ? <span className="badge badge-busy live-badge">live</span> : null}
      </div>
      <div role="tabpanel" aria-label={stream === 'stdout' ? 'Output' : 'Errors'}>
        <LogView key={stream} tail={tails[stream]} revision={revision} label={`${stream} of execution ${execution.id}`} live={live} fileName={`execution-${execution.id}-${stream}.log`} />
      </div>
    </section>
  )
}
