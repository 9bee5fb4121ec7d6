import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, openView, test } from './fixtures'

/** A shell action printing 5,000 lines, one of them far off screen holding a needle. */
function writeLongLogPack(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'attune-e2e-logtools-')), 'long_log')
  mkdirSync(join(dir, 'actions'), { recursive: true })
  writeFileSync(join(dir, 'pack.yaml'), 'ref: long_log\nlabel: Long log\nversion: 1.0.0\n')
  writeFileSync(join(dir, 'actions', 'many.yaml'), 'ref: long_log.many\nrunner_type: shell\nentry_point: many.sh\n')
  writeFileSync(join(dir, 'actions', 'many.sh'), 'i=1\nwhile [ $i -le 5000 ]; do\n  if [ $i -eq 4321 ]; then echo "line $i has the NEEDLE"; else echo "line $i"; fi\n  i=$((i+1))\ndone\n')
  return dir
}

test('a log is searched as a whole, copied and downloaded; so is an env setup log', async ({ app, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const dir = writeLongLogPack()
  try {
    await openView(app, 'Packs')
    await app.getByLabel('Pack folder').fill(dir)
    await app.getByRole('button', { name: 'Add pack' }).click()
    await expect(app.getByRole('region', { name: 'long_log', exact: true })).toBeVisible()
    await openView(app, 'Actions')
    await app.getByRole('button', { name: 'Run long_log.many…' }).click()
    await app.getByRole('dialog', { name: 'Run long_log.many' }).getByRole('button', { name: 'Run', exact: true }).click()
    await expect(app.getByTestId('execution-status')).toHaveText('completed')
    const log = app.getByRole('log')
    await expect(log).toContainText('line 5000')
    await expect(log).not.toContainText('NEEDLE')

    await app.getByLabel('Search the log').fill('needle')
    await expect(app.getByTestId('log-matches')).toHaveText('1 of 1')
    await expect(log.locator('[data-current-match]')).toHaveText('line 4321 has the NEEDLE')
    await app.getByLabel('Search the log').fill('line 12')
    await expect(app.getByTestId('log-matches')).toHaveText('1 of 111')
    await app.getByRole('button', { name: 'Next match' }).click()
    await expect(app.getByTestId('log-matches')).toHaveText('2 of 111')
    await expect(log.locator('[data-current-match]')).toHaveText('line 120')

    await app.getByRole('button', { name: 'Copy' }).click()
    await expect(app.getByText('Whole log copied')).toBeVisible()
    const copied = String(await app.evaluate('navigator.clipboard.readText()'))
    expect(copied.split('\n')).toHaveLength(5001)

    const [download] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Download' }).click()])
    expect(download.suggestedFilename()).toMatch(/^execution-\d+-stdout\.log$/)
    const saved = readFileSync((await download.path()) as string, 'utf8')
    expect(saved.startsWith('line 1\nline 2\n')).toBe(true)
    expect(saved).toContain('line 4321 has the NEEDLE\n')
    expect(saved.endsWith('line 5000\n')).toBe(true)
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true })
  }

  await openView(app, 'Packs')
  const pack = app.getByRole('region', { name: 'python_example', exact: true })
  await expect(pack.locator('[data-testid="env-row"]:not([data-status="ready"])')).toHaveCount(0, { timeout: 60_000 })
  await pack.getByRole('button', { name: /^Build log of Python base/ }).click()
  const dialog = app.getByRole('dialog', { name: /Build log — python_example/ })
  await dialog.getByLabel('Search the log').fill('python')
  await expect(dialog.getByTestId('log-matches')).toHaveText(/^1 of \d+$/)
  await expect(dialog.locator('[data-current-match]')).toContainText(/python/i)
  const [download] = await Promise.all([app.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()])
  expect(download.suggestedFilename()).toBe('env-python_example-python-base.log')
})
