import { useAppStore } from '../../stores/app-store'

/** Startup progress in the worker's order; reads "Ready" once verification and env setup are done. */
export function StartupStatus() {
  const startup = useAppStore((state) => state.startup)
  const tone = startup.phase === 'ready' ? 'good' : startup.phase === 'failed' ? 'bad' : 'busy'
  return (
    <span className={`startup startup-${tone}`}>
      {tone === 'busy' ? <span className="spinner" aria-hidden="true" /> : <span className="dot" aria-hidden="true" />}
      <span role="status" data-testid="startup-status" title={startup.message}>
        {startup.phase === 'ready' ? 'Ready' : startup.message}
      </span>
    </span>
  )
}
