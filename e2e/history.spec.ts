import { expect, openView, test } from './fixtures'

test('the history updates row by row from events: a run started in another tab appears and settles without a reload', async ({ app, context, workbench }) => {
  await openView(app, 'Executions')
  const history = app.getByRole('list', { name: 'Execution history' })

  const other = await context.newPage()
  await other.goto(workbench.url)
  await expect(other.getByTestId('startup-status')).toHaveText('Ready', { timeout: 120_000 })
  await openView(other, 'Actions')
  await other.getByRole('button', { name: 'Run shell_example.hello…' }).click()
  await other.getByRole('dialog', { name: 'Run shell_example.hello' }).getByRole('button', { name: 'Run', exact: true }).click()
  await expect(other).toHaveURL(/#\/executions\/\d+$/)
  const id = /#\/executions\/(\d+)$/.exec(other.url())?.[1]
  await other.close()

  await expect(history.getByRole('link', { name: `Execution ${id}: shell_example.hello, completed` })).toBeVisible()
  // Newest first: the new row leads the list.
  await expect(history.getByRole('link').first()).toHaveAccessibleName(`Execution ${id}: shell_example.hello, completed`)
})
