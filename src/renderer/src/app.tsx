import { useEffect } from 'react'
import { ActionsView } from './components/actions/actions-view'
import { ExecutionDetail } from './components/executions/execution-detail'
import { ExecutionsView } from './components/executions/executions-view'
import { MatrixView } from './components/executions/matrix-view'
import { Header } from './components/layout/header'
import { Nav } from './components/layout/nav'
import { NoticeBar } from './components/layout/notice-bar'
import { PacksView } from './components/packs/packs-view'
import { RuntimesView } from './components/runtimes/runtimes-view'
import type { Route } from './lib/route'
import { useAppStore } from './stores/app-store'
import { connectStores } from './stores/event-wiring'

/** The app shell: left navigation, header with startup status, the current view. */
export function App() {
  const route = useAppStore((state) => state.route)
  useEffect(() => connectStores(), [])
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(event) => (event.preventDefault(), document.getElementById('main')?.focus())}>
        Skip to content
      </a>
      <Nav route={route} />
      <div className="main-column">
        <Header />
        <main id="main" tabIndex={-1} className="content">
          <NoticeBar />
          <CurrentView route={route} />
        </main>
      </div>
    </div>
  )
}

function CurrentView({ route }: { readonly route: Route }) {
  switch (route.view) {
    case 'runtimes':
      return <RuntimesView />
    case 'packs':
      return <PacksView />
    case 'actions':
      return <ActionsView />
    case 'executions':
      return <ExecutionsView />
    case 'execution':
      return <ExecutionDetail id={route.id} />
    case 'matrix':
      return <MatrixView id={route.id} />
  }
}
