import { expect, openView, screenshot, test, type MachineVersion } from './fixtures'

/** The two newest available Python versions satisfying python_example.version_info's `>=3.12`. */
function newestTwo(machine: readonly MachineVersion[]): [string, string] | null {
  const fitting = machine
    .filter((v) => v.name === 'Python' && v.available && Number(v.version.split('.')[1]) >= 12 && v.version.startsWith('3.'))
    .map((v) => v.version)
    .sort((a, b) => b.localeCompare(a, undefined, { numeric: true }))
  return fitting.length >= 2 ? [fitting[0] as string, fitting[1] as string] : null
}

test('the Runtimes page lists the machine’s versions with status, switch and interpreter', async ({ app, workbench }, testInfo) => {
  await openView(app, 'Runtimes')
  expect(workbench.machine.length).toBeGreaterThan(0)
  for (const version of workbench.machine) {
    const toggle = app.getByRole('switch', { name: `${version.name} ${version.version} enabled`, exact: true })
    await expect(toggle).toHaveAttribute('aria-checked', 'true')
    const row = app.getByRole('row').filter({ has: toggle })
    await expect(row.getByText(version.available ? 'available' : 'unavailable', { exact: true })).toBeVisible()
    if (version.interpreter) await expect(row).toContainText(version.interpreter)
  }
  await screenshot(app, testInfo, 'runtimes')

  await app.getByRole('button', { name: 'Switch to dark theme' }).click()
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark')
  await screenshot(app, testInfo, 'runtimes-dark')
  await app.getByRole('button', { name: 'Switch to light theme' }).click()
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'light')
})

test('disabling a version moves an action to the version the impact preview announced', async ({ app, workbench }, testInfo) => {
  const pair = newestTwo(workbench.machine)
  test.skip(pair === null, 'needs two available Python versions >= 3.12 on this machine')
  const [newest, next] = pair as [string, string]
  const versionInfo = (page: typeof app) => page.getByRole('row').filter({ has: page.getByText('python_example.version_info', { exact: true }) })

  await openView(app, 'Actions')
  await expect(versionInfo(app).getByTestId('resolved-version')).toHaveText(newest)

  await openView(app, 'Runtimes')
  const toggle = app.getByRole('switch', { name: `Python ${newest} enabled`, exact: true })
  await toggle.click()
  const dialog = app.getByRole('dialog', { name: `Disable Python ${newest}?` })
  const impact = dialog.getByRole('row').filter({ hasText: 'python_example.version_info' })
  await expect(impact.getByRole('cell').nth(1)).toHaveText(newest)
  await expect(impact.getByRole('cell').nth(2)).toHaveText(next)
  await screenshot(app, testInfo, 'runtimes-impact')
  try {
    await dialog.getByRole('button', { name: `Disable Python ${newest}` }).click()
    await expect(toggle).toHaveAttribute('aria-checked', 'false')

    await openView(app, 'Actions')
    await expect(versionInfo(app).getByTestId('resolved-version')).toHaveText(next)
    await screenshot(app, testInfo, 'actions-after-disable')
  } finally {
    await openView(app, 'Runtimes')
    if ((await toggle.getAttribute('aria-checked')) === 'false') await toggle.click()
    await expect(toggle).toHaveAttribute('aria-checked', 'true')
  }
})

test('Esc cancels the impact preview and leaves the version enabled', async ({ app, workbench }) => {
  const python = workbench.machine.find((v) => v.name === 'Python' && v.available)
  test.skip(!python, 'needs an available Python version')
  await openView(app, 'Runtimes')
  const toggle = app.getByRole('switch', { name: `Python ${python?.version} enabled`, exact: true })
  await toggle.click()
  await expect(app.getByRole('dialog')).toBeVisible()
  await app.keyboard.press('Escape')
  await expect(app.getByRole('dialog')).toHaveCount(0)
  await expect(toggle).toHaveAttribute('aria-checked', 'true')
})
