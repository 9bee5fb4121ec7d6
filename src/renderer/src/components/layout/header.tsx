import { useAppStore } from '../../stores/app-store'
import { StartupStatus } from './startup-status'
import { ThemeToggle } from './theme-toggle'

const TITLES: Readonly<Record<string, string>> = {
  runtimes: 'Runtimes',
  packs: 'Packs',
  actions: 'Actions',
  executions: 'Executions',
  execution: 'Execution',
  matrix: 'Matrix run'
}

/** The header: the view's title, startup progress, the connection, the host and the theme toggle. */
export function Header() {
  const route = useAppStore((state) => state.route)
  const info = useAppStore((state) => state.info)
  const connection = useAppStore((state) => state.connection)
  return (
    <header className="header">
      <h1>{TITLES[route.view]}</h1>
      <div className="header-side">
        {connection === 'closed' ? (
          <span className="badge badge-bad" role="alert">
            Disconnected — reconnecting…
          </span>
        ) : null}
        <StartupStatus />
        {info ? (
          <span className="header-host" title={`Data home: ${info.home}`}>
            {info.host === 'electron' ? 'Desktop' : 'Browser'} · v{info.version}
          </span>
        ) : null}
        <ThemeToggle />
      </div>
    </header>
  )
}
