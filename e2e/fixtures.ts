import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, type Page, type TestInfo } from '@playwright/test'

const root = join(__dirname, '..')
const bin = join(root, 'bin', 'attune-workbench.js')

/** A runtime version as `runtimes verify --json` reports it on this machine. */
export interface MachineVersion {
  readonly runtime: string
  readonly name: string
  readonly version: string
  readonly available: boolean
  readonly interpreter: string | null
}

/** The browser host under test: its URL (with the token), its data home, and what the machine offers. */
export interface Workbench {
  readonly url: string
  readonly home: string
  readonly machine: readonly MachineVersion[]
}

/** The engine's env without ATTUNE_WORKBENCH_HOME, so only --home decides where data goes. */
function engineEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  delete env.ATTUNE_WORKBENCH_HOME
  return env
}

/** What this machine offers, asked of the CLI on a throwaway home (the served home is locked by its host). */
function machineVersions(): MachineVersion[] {
  const home = mkdtempSync(join(tmpdir(), 'attune-e2e-probe-'))
  try {
    const result = spawnSync(process.execPath, [bin, '--home', home, '--json', 'runtimes', 'verify'], { env: engineEnv(), encoding: 'utf8', timeout: 60_000 })
    if (result.status !== 0) throw new Error(`runtimes verify failed (${result.status}): ${result.stderr}`)
    const report = JSON.parse(result.stdout) as { runtimes: { name: string; versions: Omit<MachineVersion, 'name'>[] }[] }
    return report.runtimes.flatMap((runtime) => runtime.versions.map((version) => ({ ...version, name: runtime.name })))
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
}

/** `attune-workbench --home HOME serve --port 0 --json`; resolves with the printed URL once it listens. */
function startServe(home: string, logFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, '--home', home, 'serve', '--port', '0', '--json'], { cwd: root, env: engineEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
    writeFileSync(logFile, stderr)
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within 30 s; stderr:\n${stderr}`)), 30_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      try {
        const { url } = JSON.parse(stdout) as { url: string }
        clearTimeout(timer)
        resolve({ child, url })
      } catch {
        // The JSON document is not complete yet.
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited (${code}) before listening; stderr:\n${stderr}`))
    })
  })
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}

export const test = base.extend<{ app: Page }, { workbench: Workbench }>({
  // One real browser host per worker (the suite runs one worker): first-start env builds happen once.
  workbench: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const machine = machineVersions()
      const home = mkdtempSync(join(tmpdir(), 'attune-e2e-home-'))
      const { child, url } = await startServe(home, join(workerInfo.project.outputDir, `serve-${workerInfo.workerIndex}.log`))
      try {
        await use({ url, home, machine })
      } finally {
        await stop(child)
        rmSync(home, { recursive: true, force: true })
      }
    },
    { scope: 'worker', timeout: 60_000 }
  ],
  // The page, signed in with the start's token, once the app reports startup as done.
  app: async ({ page, workbench }, use) => {
    await page.goto(workbench.url)
    await expect(page.getByTestId('startup-status')).toHaveText('Ready', { timeout: 120_000 })
    await use(page)
  }
})

export { expect }

/** Save a full-page screenshot with the test's output and attach it to the report. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`)
  await page.screenshot({ path, fullPage: true })
  await testInfo.attach(name, { path, contentType: 'image/png' })
}

/** Go to a view by its navigation link. */
export async function openView(page: Page, name: 'Runtimes' | 'Packs' | 'Actions' | 'Executions'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible()
}
