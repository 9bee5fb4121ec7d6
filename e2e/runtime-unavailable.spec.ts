import { expect, openView, test } from './fixtures'

test('an unavailable version says which commands ran and why none counted; opening its details keeps the columns', async ({ app, workbench }) => {
  const missing = workbench.machine.find((version) => !version.available)
  test.skip(!missing, 'every catalog version is available on this machine')
  if (!missing) return
  await openView(app, 'Runtimes')
  const toggle = app.getByRole('switch', { name: `${missing.name} ${missing.version} enabled`, exact: true })
  const row = app.getByRole('row').filter({ has: toggle })
  const why = row.getByRole('list', { name: `Why ${missing.name} ${missing.version} is unavailable` })
  await expect(why).toBeVisible()
  // Each command tried is named with its outcome (not on PATH, printed something else, exit code...).
  const attempts = why.getByRole('listitem')
  expect(await attempts.count()).toBeGreaterThan(0)
  for (const attempt of await attempts.all()) await expect(attempt).toHaveText(/^\S.*: .+/)
  await expect(row).not.toContainText('not found')
  await expect(row.locator('summary')).toHaveText(/none counted|did not count/)

  const table = app.getByRole('table').filter({ has: toggle })
  const columns = async (): Promise<number[]> =>
    Promise.all((await table.locator('thead th').all()).map(async (cell) => Math.round((await cell.boundingBox())?.width ?? 0)))
  const before = await columns()
  await row.locator('summary').click()
  await expect(row.getByRole('term').first()).toBeVisible()
  expect(await columns()).toEqual(before)
})
