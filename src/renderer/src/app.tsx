/** The app shell. The views (Runtimes, Packs, Actions, Executions) arrive with the UI work. */
export function App() {
  return (
    <main className="placeholder">
      <h1>Attune Workbench</h1>
      <p>The engine is ready; the views are not built yet.</p>
      <p>
        Meanwhile the command line shows everything: <code>npm run cli -- runtimes list</code>,{' '}
        <code>npm run cli -- resolve python --constraint "&gt;=3.12"</code>.
      </p>
    </main>
  )
}
