import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, openView, test } from './fixtures'

test('a base-config run names the base config as it is on this machine in the Actions list, the run header and the history', async ({ app }) => {
  const dir = join(mkdtempSync(join(tmpdir(), 'attune-e2e-base-')), 'base_pack')
  mkdirSync(join(dir, 'actions'), { recursive: true })
  writeFileSync(join(dir, 'pack.yaml'), 'ref: base_pack\nlabel: Base config\nversion: 1.0.0\n')
  // No catalog Python is 9.x: the worker falls back to the runtime's base config.
  writeFileSync(join(dir, 'actions', 'where.yaml'), 'ref: base_pack.where\nrunner_type: python\nentry_point: where.py\nruntime_version: ">=9"\n')
  writeFileSync(join(dir, 'actions', 'where.py'), 'import sys\nprint(sys.version.split()[0])\n')
  try {
    await openView(app, 'Packs')
    await app.getByLabel('Pack folder').fill(dir)
    await app.getByRole('button', { name: 'Add pack' }).click()
    await expect(app.getByRole('region', { name: 'base_pack', exact: true })).toBeVisible()

    await openView(app, 'Actions')
    const row = app.getByRole('region', { name: 'Actions of base_pack' }).getByRole('row').filter({ hasText: 'base_pack.where' })
    const resolved = row.getByTestId('resolved-version')
    await expect(resolved).toHaveText(/^base config: python3 = \d+\.\d+\.\d+$/)
    const label = (await resolved.textContent()) ?? ''
    const version = label.split(' = ')[1] ?? ''

    await row.getByRole('button', { name: 'Run base_pack.where…' }).click()
    const dialog = app.getByRole('dialog', { name: 'Run base_pack.where' })
    await expect(dialog.locator('option[value=""]')).toHaveText(`Automatic — no match: ${label}`)
    await dialog.getByRole('button', { name: 'Run', exact: true }).click()
    await expect(app.getByTestId('execution-status')).toHaveText('completed', { timeout: 120_000 })
    // The label is the interpreter that ran: the run printed the same version.
    await expect(app.getByRole('log')).toContainText(version)
    await expect(app.getByTestId('execution-version')).toHaveText(label)
    await expect(app.getByTestId('run-notices').locator('[data-kind="base-config"]')).toContainText(label)
    const id = /#\/executions\/(\d+)$/.exec(app.url())?.[1]

    await openView(app, 'Executions')
    const history = app.getByRole('link', { name: `Execution ${id}: base_pack.where, completed` })
    await expect(history.locator('[data-kind="base-config"]')).toHaveText(`◇ ${label}`)
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true })
  }
})
