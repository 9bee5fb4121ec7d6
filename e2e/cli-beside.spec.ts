import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, openView, screenshot, test } from './fixtures'

// The CLI in a terminal beside the open app (issue 10): commands run against the served home go to its
// engine over the engine socket, and the page sees what they change without a reload.
const bin = join(__dirname, '..', 'bin', 'attune-workbench.js')

function cliEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env }
  delete env.ATTUNE_WORKBENCH_HOME
  return env
}

function cli(home: string, ...argv: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, '--home', home, ...argv], { env: cliEnv(), encoding: 'utf8', timeout: 60_000 })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

test('a toggle made with the CLI shows in the open Runtimes page without a reload', async ({ app, workbench }, testInfo) => {
  await openView(app, 'Runtimes')
  const toggle = app.getByRole('switch', { name: 'Python 3.13 enabled', exact: true })
  await expect(toggle).toHaveAttribute('aria-checked', 'true')
  // A marker the page keeps only as long as it is not reloaded.
  await app.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true))
  try {
    const disabled = cli(workbench.home, 'runtimes', 'disable', 'python', '3.13')
    expect(disabled, disabled.stderr).toMatchObject({ code: 0, stdout: 'Python 3.13 disabled.\n' })
    await expect(toggle).toHaveAttribute('aria-checked', 'false', { timeout: 2_000 })
    expect(await app.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true)
    await screenshot(app, testInfo, 'runtimes-after-cli-disable')
  } finally {
    cli(workbench.home, 'runtimes', 'enable', 'python', '3.13')
    await expect(toggle).toHaveAttribute('aria-checked', 'true', { timeout: 2_000 })
  }
})

test('a run started from the CLI appears in Executions while it runs', async ({ app, workbench }, testInfo) => {
  const packDir = mkdtempSync(join(tmpdir(), 'attune-e2e-pack-'))
  mkdirSync(join(packDir, 'actions'))
  writeFileSync(join(packDir, 'pack.yaml'), 'ref: cli_beside\nversion: 1.0.0\n')
  writeFileSync(join(packDir, 'actions', 'wait.yaml'), 'ref: cli_beside.wait\nrunner_type: shell\nentry_point: wait.sh\n')
  writeFileSync(join(packDir, 'actions', 'wait.sh'), 'echo waiting\nsleep 4\necho done\n')
  let run: ChildProcess | null = null
  try {
    const added = cli(workbench.home, 'packs', 'add', packDir)
    expect(added.code, added.stderr).toBe(0)
    await openView(app, 'Executions')
    run = spawn(process.execPath, [bin, '--home', workbench.home, 'run', 'cli_beside.wait'], { env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
    const exited = new Promise<number | null>((resolve) => run?.once('close', (code) => resolve(code)))
    const history = app.getByRole('list', { name: 'Execution history' })
    await expect(history.getByRole('link', { name: /: cli_beside\.wait, running$/ })).toBeVisible({ timeout: 3_000 })
    await screenshot(app, testInfo, 'executions-cli-run-running')
    expect(await exited).toBe(0)
    await expect(history.getByRole('link', { name: /: cli_beside\.wait, completed$/ })).toBeVisible()
  } finally {
    if (run && run.exitCode === null) run.kill('SIGKILL')
    cli(workbench.home, 'packs', 'remove', 'cli_beside')
    rmSync(packDir, { recursive: true, force: true })
  }
})
