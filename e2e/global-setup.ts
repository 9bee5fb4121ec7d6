import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = join(__dirname, '..')
const outputs = ['out/main/cli.js', 'out/preload/index.js', 'out/renderer/index.html'].map((file) => join(root, file))

/** The newest modification time below `dir` (files only). */
function newest(dir: string): number {
  let latest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) latest = Math.max(latest, newest(path))
    else latest = Math.max(latest, statSync(path).mtimeMs)
  }
  return latest
}

/**
 * The suite drives the built app (`bin/attune-workbench.js` loads out/main/cli.js, which serves
 * out/renderer). `npm test` builds first; a bare `npx playwright test` rebuilds here when out/ is
 * missing or older than src/, so a run never tests stale code.
 */
export default function globalSetup(): void {
  const built = outputs.every((file) => existsSync(file)) ? Math.min(...outputs.map((file) => statSync(file).mtimeMs)) : 0
  const sources = Math.max(newest(join(root, 'src')), statSync(join(root, 'electron.vite.config.ts')).mtimeMs)
  if (built >= sources) return
  process.stdout.write('e2e: out/ is older than src/; running electron-vite build\n')
  const result = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) throw new Error(`electron-vite build failed (exit ${result.status ?? result.signal})`)
}
