import { expect, openView, screenshot, test } from './fixtures'
import type { Page } from '@playwright/test'

/** The Actions row of an action. */
function actionRow(page: Page, ref: string) {
  return page.getByRole('row').filter({ has: page.getByText(ref, { exact: true }) })
}

test('a run with parameters streams its log and shows its result and version', async ({ app }, testInfo) => {
  await openView(app, 'Actions')
  const row = actionRow(app, 'python_example.hello')
  const resolved = (await row.getByTestId('resolved-version').textContent())?.trim() ?? ''
  await row.getByRole('button', { name: 'Why this version for python_example.hello' }).click()
  await expect(app.getByRole('dialog', { name: 'Why this version for python_example.hello' })).toContainText(resolved)
  await screenshot(app, testInfo, 'actions-why')
  await app.keyboard.press('Escape')

  await row.getByRole('button', { name: 'Run python_example.hello…' }).click()
  const dialog = app.getByRole('dialog', { name: 'Run python_example.hello' })
  await dialog.getByLabel('name').fill('e2e tester')
  await screenshot(app, testInfo, 'actions-run-dialog')
  await dialog.getByRole('button', { name: 'Run', exact: true }).click()

  await expect(app).toHaveURL(/#\/executions\/\d+$/)
  await expect(app.getByRole('log')).toContainText('"message": "Hello, e2e tester"')
  await expect(app.getByTestId('execution-status')).toHaveText('completed')
  await expect(app.getByTestId('execution-result')).toContainText('Hello, e2e tester')
  await expect(app.getByTestId('execution-version')).toHaveText(resolved)
  await screenshot(app, testInfo, 'execution-detail')
})

test('a failing action shows its error and exit code, and the history filters it by status', async ({ app }, testInfo) => {
  await openView(app, 'Actions')
  await actionRow(app, 'shell_example.fails').getByRole('button', { name: 'Run shell_example.fails…' }).click()
  await app.getByRole('dialog', { name: 'Run shell_example.fails' }).getByRole('button', { name: 'Run', exact: true }).click()

  await expect(app.getByTestId('execution-status')).toHaveText('failed')
  const id = /#\/executions\/(\d+)$/.exec(app.url())?.[1]
  const error = app.getByRole('alert', { name: 'Execution error' })
  await expect(error).toContainText('this action always fails')
  await expect(error).toContainText('exit code 3')
  await expect(app.getByRole('log')).toContainText('about to fail with exit code 3')
  await app.getByRole('tab', { name: /Errors/ }).click()
  await expect(app.getByRole('log')).toContainText('this action always fails')
  await screenshot(app, testInfo, 'execution-failed')

  await openView(app, 'Executions')
  const history = app.getByRole('list', { name: 'Execution history' })
  await expect(history.getByRole('link', { name: `Execution ${id}: shell_example.fails, failed` })).toBeVisible()
  await screenshot(app, testInfo, 'executions')
  await app.getByLabel('Status').selectOption('failed')
  await expect(history.getByRole('link', { name: `Execution ${id}: shell_example.fails, failed` })).toBeVisible()
  await expect(history.getByRole('link', { name: /, completed$/ })).toHaveCount(0)
  await app.getByLabel('Status').selectOption('completed')
  await expect(history.getByRole('link', { name: `Execution ${id}: shell_example.fails, failed` })).toHaveCount(0)
})

test('a matrix run shows one row per version and a chart of durations', async ({ app, workbench }, testInfo) => {
  const versions = workbench.machine
    .filter((v) => v.name === 'Python' && v.available && v.version.startsWith('3.') && Number(v.version.split('.')[1]) >= 12)
    .map((v) => v.version)
  test.skip(versions.length === 0, 'needs an available Python version >= 3.12')
  await openView(app, 'Actions')
  await actionRow(app, 'python_example.version_info').getByRole('button', { name: 'Run python_example.version_info across versions…' }).click()
  await app.getByRole('dialog', { name: 'Run python_example.version_info across versions' }).getByRole('button', { name: 'Run across versions' }).click()

  await expect(app).toHaveURL(/#\/matrix\/\d+$/)
  const table = app.getByRole('table', { name: 'Runs per version' })
  for (const version of versions) {
    const row = table.getByRole('row').filter({ has: app.getByRole('rowheader', { name: version, exact: true }) })
    await expect(row.getByText('completed', { exact: true })).toBeVisible({ timeout: 60_000 })
    await expect(row).toContainText(`"version_info": [ 3, ${version.split('.')[1]}`)
  }
  await expect(table.getByTestId('matrix-row')).toHaveCount(workbench.machine.filter((v) => v.name === 'Python').length)
  await expect(app.getByRole('img', { name: 'Duration per version' })).toBeVisible()
  await screenshot(app, testInfo, 'matrix')
})
