import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'

const root = join(__dirname, '..')

// The one detection of the binary, shared with npm start and the Electron build of better-sqlite3.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { electronBinary } = require('../scripts/electron-binary.js') as { electronBinary: (root: string) => string | null }
const binary = electronBinary(root)
const SKIP_REASON = 'the Electron binary is not installed here (node_modules/electron has no dist/); the desktop app is covered by the browser-host suite and the mocked-electron unit tests'

// eslint-disable-next-line no-empty-pattern
test('the desktop app opens its hardened window and starts up', async ({}, testInfo) => {
  if (!binary) console.log(`electron suite skipped: ${SKIP_REASON}`)
  test.skip(!binary, SKIP_REASON)
  // The app loads its own better-sqlite3 build for Electron's ABI (npm install makes it where it can).
  const native = spawnSync(process.execPath, [join(root, 'scripts', 'electron-sqlite.js'), '--if-missing'], { cwd: root, encoding: 'utf8' })
  expect(native.status, native.stdout + native.stderr).toBe(0)
  const home = mkdtempSync(join(tmpdir(), 'attune-e2e-electron-'))
  const app = await electron.launch({ executablePath: binary as string, args: [root, '--home', home], cwd: root })
  try {
    const page = await app.firstWindow()
    await expect(page.getByTestId('startup-status')).toHaveText('Ready', { timeout: 120_000 })
    // Isolated and sandboxed: no Node in the page, only the preload's typed API.
    const globals = await page.evaluate(() => {
      const scope = globalThis as { require?: unknown; process?: unknown; api?: Record<string, unknown> }
      return { require: typeof scope.require, process: typeof scope.process, api: Object.keys(scope.api ?? {}).sort() }
    })
    expect(globals.require).toBe('undefined')
    expect(globals.process).toBe('undefined')
    expect(globals.api).toContain('runtimes:list')
    expect(globals.api).not.toContain('ipcRenderer')
    await page.getByRole('link', { name: 'Runtimes', exact: true }).click()
    await expect(page.getByRole('switch').first()).toBeVisible()
    await page.screenshot({ path: testInfo.outputPath('electron-runtimes.png'), fullPage: true })
  } finally {
    await app.close()
    rmSync(home, { recursive: true, force: true })
  }
})
