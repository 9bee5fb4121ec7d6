import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, openView, screenshot, test } from './fixtures'

/** A shell pack whose one action declares limits, a position and a secret, and echoes its parameters. */
function writeLimitsPack(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'attune-e2e-limits-')), 'limits_pack')
  mkdirSync(join(dir, 'actions'), { recursive: true })
  writeFileSync(join(dir, 'pack.yaml'), 'ref: limits_pack\nlabel: Limits\nversion: 1.0.0\n')
  writeFileSync(
    join(dir, 'actions', 'tune.yaml'),
    [
      'ref: limits_pack.tune',
      'runner_type: shell',
      'entry_point: tune.sh',
      'parameter_format: json',
      'parameters:',
      '  ratio: {type: number, minimum: 0, maximum: 1, default: 0.5, description: Share of the work}',
      '  code: {type: string, minLength: 2, maxLength: 4, pattern: "^[a-z]+$", required: true}',
      '  token: {type: string, secret: true}',
      '  first: {type: string, position: 0, default: top}',
      ''
    ].join('\n')
  )
  writeFileSync(join(dir, 'actions', 'tune.sh'), 'IFS= read -r doc\necho "$doc"\n')
  return dir
}

test('the run form lists parameters in declaration order with their limits, enforces them, and a re-run starts from the previous values', async ({ app }, testInfo) => {
  const dir = writeLimitsPack()
  try {
    await openView(app, 'Packs')
    await app.getByLabel('Pack folder').fill(dir)
    await app.getByRole('button', { name: 'Add pack' }).click()
    await expect(app.getByRole('region', { name: 'limits_pack', exact: true })).toBeVisible()
    // Adding the same folder again says so (and reloads it).
    await app.getByLabel('Pack folder').fill(dir)
    await app.getByRole('button', { name: 'Add pack' }).click()
    await expect(app.getByTestId('add-pack-notice')).toHaveText(`${dir} is already registered as pack 'limits_pack'; it was reloaded`)

    await openView(app, 'Actions')
    await app.getByRole('button', { name: 'Run limits_pack.tune…' }).click()
    const dialog = app.getByRole('dialog', { name: 'Run limits_pack.tune' })
    // `position: 0` first, then declaration order.
    await expect(dialog.locator('.param-field label')).toHaveText(['first', 'ratio', 'code *', 'token'])
    await expect(dialog).toContainText('Share of the work')
    await expect(dialog).toContainText('0 to 1')
    await expect(dialog).toContainText('2 to 4 characters')
    await expect(dialog).toContainText('pattern ^[a-z]+$')
    await expect(dialog).toContainText('default 0.5')

    await dialog.getByLabel('ratio').fill('1.5')
    await dialog.getByLabel('code').fill('AB')
    await dialog.getByRole('button', { name: 'Run', exact: true }).click()
    await expect(dialog).toContainText('ratio must be at most 1, found 1.5')
    await expect(dialog).toContainText("code must match the pattern ^[a-z]+$, found 'AB'")
    await screenshot(app, testInfo, 'run-form-limits')
    await expect(app).not.toHaveURL(/#\/executions\/\d+$/)

    await dialog.getByLabel('ratio').fill('0.25')
    await dialog.getByLabel('code').fill('abc')
    await dialog.getByLabel('token', { exact: true }).fill('s3cret')
    await dialog.getByRole('button', { name: 'Run', exact: true }).click()
    await expect(app).toHaveURL(/#\/executions\/\d+$/)
    await expect(app.getByTestId('execution-status')).toHaveText('completed')
    await expect(app.getByRole('log')).toContainText('"ratio":0.25')
    const first = /#\/executions\/(\d+)$/.exec(app.url())?.[1]

    await app.getByRole('button', { name: 'Re-run' }).click()
    const rerun = app.getByRole('dialog', { name: `Re-run limits_pack.tune (#${first})` })
    await expect(rerun.getByLabel('ratio')).toHaveValue('0.25')
    await expect(rerun.getByLabel('code')).toHaveValue('abc')
    await expect(rerun.getByLabel('token', { exact: true })).toHaveValue('')
    await rerun.getByLabel('code').fill('xyz')
    await rerun.getByLabel('token', { exact: true }).fill('again')
    await rerun.getByRole('button', { name: 'Run', exact: true }).click()
    await expect(app).not.toHaveURL(new RegExp(`#/executions/${first}$`))
    await expect(app.getByTestId('execution-status')).toHaveText('completed')
    await expect(app.getByRole('log')).toContainText('"code":"xyz"')
    await expect(app.getByRole('log')).toContainText('"ratio":0.25')
    await expect(app.getByRole('log')).toContainText('"token":"***"')
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true })
  }
})
