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

test('a page that shows the history is sent the run’s status changes but not its output, which the run’s own page streams', async ({ app, context, workbench }) => {
  const viewer = await context.newPage()
  const received: string[] = []
  viewer.on('websocket', (socket) => socket.on('framereceived', ({ payload }) => received.push(String(payload))))
  await viewer.goto(workbench.url)
  await expect(viewer.getByTestId('startup-status')).toHaveText('Ready', { timeout: 120_000 })
  await openView(viewer, 'Executions')

  await openView(app, 'Actions')
  await app.getByRole('button', { name: 'Run shell_example.hello…' }).click()
  await app.getByRole('dialog', { name: 'Run shell_example.hello' }).getByRole('button', { name: 'Run', exact: true }).click()
  await expect(app).toHaveURL(/#\/executions\/\d+$/)
  const id = Number(/#\/executions\/(\d+)$/.exec(app.url())?.[1])
  await expect(app.getByRole('log')).toContainText('Hello')

  const history = viewer.getByRole('list', { name: 'Execution history' })
  await expect(history.getByRole('link', { name: `Execution ${id}: shell_example.hello, completed` })).toBeVisible()
  const events = received.map((text) => JSON.parse(text) as { event?: string; payload?: { id?: number } }).filter((message) => message.payload?.id === id)
  expect(events.map((message) => message.event)).toContain('execution.updated')
  expect(events.filter((message) => message.event === 'log.chunk')).toEqual([])
  await viewer.close()
})
