import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, openView, screenshot, test } from './fixtures'

/** A shell pack with an action that sleeps (to be cancelled) and one that declares JSON output and prints text. */
function writeStatusPack(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'attune-e2e-status-')), 'status_pack')
  mkdirSync(join(dir, 'actions'), { recursive: true })
  writeFileSync(join(dir, 'pack.yaml'), 'ref: status_pack\nlabel: Statuses\nversion: 1.0.0\n')
  writeFileSync(join(dir, 'actions', 'sleepy.yaml'), 'ref: status_pack.sleepy\nrunner_type: shell\nentry_point: sleepy.sh\n')
  writeFileSync(join(dir, 'actions', 'sleepy.sh'), 'echo started\nsleep 60\n')
  writeFileSync(join(dir, 'actions', 'notjson.yaml'), 'ref: status_pack.notjson\nrunner_type: shell\nentry_point: notjson.sh\noutput_format: json\n')
  writeFileSync(join(dir, 'actions', 'notjson.sh'), 'echo "hello, not json"\n')
  return dir
}

test('a cancelled run says it was cancelled and by whom; JSON output that did not parse is flagged in the header and the history', async ({ app }, testInfo) => {
  const dir = writeStatusPack()
  try {
    await openView(app, 'Packs')
    await app.getByLabel('Pack folder').fill(dir)
    await app.getByRole('button', { name: 'Add pack' }).click()
    await expect(app.getByRole('region', { name: 'status_pack', exact: true })).toBeVisible()

    await openView(app, 'Actions')
    await app.getByRole('button', { name: 'Run status_pack.sleepy…' }).click()
    await app.getByRole('dialog', { name: 'Run status_pack.sleepy' }).getByRole('button', { name: 'Run', exact: true }).click()
    await expect(app.getByRole('log')).toContainText('started')
    await app.getByRole('button', { name: 'Cancel' }).click()
    await expect(app.getByTestId('execution-status')).toHaveText('cancelled')
    const error = app.getByRole('alert', { name: 'Execution error' })
    await expect(error).toContainText('The run was cancelled')
    await expect(error).toContainText('Execution cancelled by the UI')
    await expect(error).not.toContainText('exit code')
    await expect(error).not.toContainText('The run failed')
    await screenshot(app, testInfo, 'execution-cancelled')

    await openView(app, 'Actions')
    await app.getByRole('button', { name: 'Run status_pack.notjson…' }).click()
    await app.getByRole('dialog', { name: 'Run status_pack.notjson' }).getByRole('button', { name: 'Run', exact: true }).click()
    await expect(app.getByTestId('execution-status')).toHaveText('completed')
    const notices = app.getByTestId('run-notices')
    await expect(notices.locator('[data-kind="not-parsed"]')).toContainText('no result')
    await expect(notices).toContainText('The output is not valid json (output_format: json')
    const id = /#\/executions\/(\d+)$/.exec(app.url())?.[1]

    await openView(app, 'Executions')
    const row = app.getByRole('link', { name: `Execution ${id}: status_pack.notjson, completed` })
    await expect(row.locator('[data-kind="not-parsed"]')).toBeVisible()
    await expect(row.locator('[data-kind="not-parsed"]')).toHaveAttribute('title', /The output is not valid json/)
    const cancelled = app.getByRole('link', { name: /status_pack\.sleepy, cancelled$/ })
    await expect(cancelled.locator('[data-kind="cancelled"]')).toHaveAttribute('title', 'Execution cancelled by the UI')
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true })
  }
})
