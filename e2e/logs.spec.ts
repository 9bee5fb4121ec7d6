import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, openView, screenshot, test } from './fixtures'

/** A throwaway pack with a slow action (to watch a log stream) and one that prints about 9 MiB in colour. */
function writeOutputPack(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'attune-e2e-logs-')), 'e2e_output')
  mkdirSync(join(dir, 'actions'), { recursive: true })
  writeFileSync(join(dir, 'pack.yaml'), 'ref: e2e_output\nlabel: E2E output\nversion: "1.0.0"\n')
  const action = (name: string, script: string) => {
    writeFileSync(join(dir, 'actions', `${name}.yaml`), `ref: e2e_output.${name}\nrunner_type: shell\nentry_point: ${name}.sh\noutput_format: text\ntimeout_seconds: 60\n`)
    writeFileSync(join(dir, 'actions', `${name}.sh`), `#!/bin/bash\n${script}\n`)
    chmodSync(join(dir, 'actions', `${name}.sh`), 0o755)
  }
  action('slow', 'for i in 1 2 3 4 5 6; do echo "tick $i"; sleep 0.5; done')
  action('big', `yes "$(printf '\\033[1;32mok\\033[0m a line of build output, padded to look like a real log')" | head -n 130000\necho "THE END"`)
  return dir
}

async function runFromActions(page: Page, ref: string): Promise<void> {
  await openView(page, 'Actions')
  await page.getByRole('button', { name: `Run ${ref}…` }).click()
  await page.getByRole('dialog', { name: `Run ${ref}` }).getByRole('button', { name: 'Run', exact: true }).click()
  await expect(page).toHaveURL(/#\/executions\/\d+$/)
}

test.describe('live logs', () => {
  let dir: string
  test.beforeAll(() => {
    dir = writeOutputPack()
  })
  test.afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }))

  test('a running action’s log streams in while it runs, then a 9 MiB coloured log renders and follows its tail', async ({ app }, testInfo) => {
    await openView(app, 'Packs')
    await app.getByLabel('Pack folder').fill(dir)
    await app.getByRole('button', { name: 'Add pack' }).click()
    await expect(app.getByRole('region', { name: 'e2e_output', exact: true })).toBeVisible()

    await runFromActions(app, 'e2e_output.slow')
    const log = app.getByRole('log')
    await expect(log).toContainText('tick 1')
    await expect(app.getByTestId('execution-status')).toHaveText('running')
    await expect(log).toContainText('tick 6')
    await expect(app.getByTestId('execution-status')).toHaveText('completed')

    await runFromActions(app, 'e2e_output.big')
    await expect(app.getByTestId('execution-status')).toHaveText('completed', { timeout: 30_000 })
    await expect(log).toContainText('THE END', { timeout: 30_000 })
    await expect(app.getByRole('tab', { name: /Output 8\.\d MiB/ })).toBeVisible()
    // Windowed: a few dozen line elements for 130 001 lines, coloured by the SGR parser.
    expect(await log.locator('.log-line').count()).toBeLessThan(200)
    await expect(log.locator('span', { hasText: /^ok$/ }).first()).toHaveCSS('font-weight', '700')
    await screenshot(app, testInfo, 'execution-big-log')

    // Scrolling up stops following; "Follow" brings the tail back.
    await log.evaluate((element) => (element.scrollTop = 0))
    await expect(log).not.toContainText('THE END')
    await app.getByRole('button', { name: '↓ Follow' }).click()
    await expect(log).toContainText('THE END')
  })
})
