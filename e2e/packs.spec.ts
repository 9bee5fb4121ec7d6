import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, openView, screenshot, test } from './fixtures'

const examples = join(__dirname, '..', 'resources', 'packs')

test('the example packs are registered on first start and their env trees reach ready', async ({ app }, testInfo) => {
  await openView(app, 'Packs')
  const pack = app.getByRole('region', { name: 'python_example', exact: true })
  await expect(pack).toBeVisible()
  const envs = pack.getByTestId('env-row')
  await expect(envs.first()).toBeVisible()
  await expect(pack.locator('[data-testid="env-row"]:not([data-status="ready"])')).toHaveCount(0, { timeout: 60_000 })
  await expect(pack.getByRole('row', { name: /^base/ })).toBeVisible()
  await screenshot(app, testInfo, 'packs')

  await pack.getByRole('button', { name: /^Build log of Python base/ }).click()
  const log = app.getByRole('dialog', { name: /Build log — python_example/ })
  await expect(log.locator('.build-log')).not.toBeEmpty()
  await screenshot(app, testInfo, 'packs-build-log')
  await app.keyboard.press('Escape')
  await expect(log).toHaveCount(0)
})

test('rebuilding an env shows its setup output while it builds, then ready again', async ({ app, workbench }, testInfo) => {
  const python = workbench.machine.find((v) => v.name === 'Python' && v.available)
  test.skip(!python, 'needs an available Python version')
  const version = python?.version as string
  await openView(app, 'Packs')
  const pack = app.getByRole('region', { name: 'python_example', exact: true })
  const row = pack.getByTestId('env-row').filter({ has: app.getByRole('rowheader', { name: version, exact: true }) })
  await expect(row).toHaveAttribute('data-status', 'ready', { timeout: 60_000 })
  const builtBefore = await row.getByRole('cell').nth(4).textContent()
  await row.getByRole('button', { name: `Rebuild Python ${version}` }).click()
  await expect(pack.getByLabel(`Setup output of Python ${version}`)).toBeVisible()
  await screenshot(app, testInfo, 'packs-env-building')
  await expect(pack.getByLabel(`Setup output of Python ${version}`)).toHaveCount(0, { timeout: 60_000 })
  await expect(row).toHaveAttribute('data-status', 'ready')
  await expect(row.getByRole('cell').nth(4)).not.toHaveText(builtBefore ?? '')
})

test('adding a pack folder through the path field registers it where it lies', async ({ app }, testInfo) => {
  // A copy of shell_example under a new ref, so it does not clash with the registered example.
  const dir = join(mkdtempSync(join(tmpdir(), 'attune-e2e-pack-')), 'shell_copy')
  cpSync(join(examples, 'shell_example'), dir, { recursive: true })
  for (const file of ['pack.yaml', ...readdirSync(join(dir, 'actions')).filter((f) => f.endsWith('.yaml')).map((f) => join('actions', f))]) {
    const path = join(dir, file)
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll('shell_example', 'shell_copy'))
  }
  try {
    await openView(app, 'Packs')
    await app.getByLabel('Pack folder').fill(dir)
    await app.getByRole('button', { name: 'Add pack' }).click()
    const pack = app.getByRole('region', { name: 'shell_copy', exact: true })
    await expect(pack).toBeVisible()
    await expect(pack).toContainText('2 actions')
    await expect(pack).toContainText(dir)
    await expect(pack.getByText('This pack needs no environments')).toBeVisible()
    await expect(pack.locator('[data-testid="env-row"]:not([data-status="ready"])')).toHaveCount(0)
    await screenshot(app, testInfo, 'packs-added')

    await openView(app, 'Actions')
    await expect(app.getByRole('region', { name: 'Actions of shell_copy' }).getByText('shell_copy.hello', { exact: true })).toBeVisible()

    await openView(app, 'Packs')
    await pack.getByRole('button', { name: 'Remove shell_copy' }).click()
    await app.getByRole('dialog', { name: 'Remove shell_copy?' }).getByRole('button', { name: 'Remove shell_copy' }).click()
    await expect(pack).toHaveCount(0)
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true })
  }
})

test('a folder that is not a pack is refused with the reason in words', async ({ app }) => {
  const dir = mkdtempSync(join(tmpdir(), 'attune-e2e-empty-'))
  try {
    await openView(app, 'Packs')
    await app.getByLabel('Pack folder').fill(dir)
    await app.getByRole('button', { name: 'Add pack' }).click()
    const alert = app.getByRole('alert').filter({ hasText: 'Could not add the pack' })
    await expect(alert).toContainText('pack.yaml')
    await alert.getByText('Details').click()
    await expect(alert).toContainText('kind: bad-input')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
