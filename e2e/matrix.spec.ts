import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, openView, screenshot, test } from './fixtures'

/** A Python action whose JSON result changes from run to run (its pid), so repeats of one version differ. */
function writePidPack(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'attune-e2e-matrix-')), 'pid_pack')
  mkdirSync(join(dir, 'actions'), { recursive: true })
  writeFileSync(join(dir, 'pack.yaml'), 'ref: pid_pack\nlabel: Pids\nversion: 1.0.0\n')
  writeFileSync(join(dir, 'actions', 'pid.yaml'), 'ref: pid_pack.pid\nrunner_type: python\nentry_point: pid.py\noutput_format: json\n')
  writeFileSync(join(dir, 'actions', 'pid.py'), 'import json, os, sys\nsys.stdin.read()\nprint(json.dumps({"pid": os.getpid(), "fixed": 1}))\n')
  return dir
}

test('a matrix runs the chosen version N times, labels the baseline, diffs each result field by field and charts the spread', async ({ app, workbench }, testInfo) => {
  // The new pack's Python env (a venv) is built before its first run: slow on a loaded machine.
  test.setTimeout(240_000)
  const version = workbench.machine.find((v) => v.name === 'Python' && v.available)?.version
  test.skip(version === undefined, 'needs an available Python version')
  const dir = writePidPack()
  try {
    await openView(app, 'Packs')
    await app.getByLabel('Pack folder').fill(dir)
    await app.getByRole('button', { name: 'Add pack' }).click()
    await expect(app.getByRole('region', { name: 'pid_pack', exact: true })).toBeVisible()

    await openView(app, 'Actions')
    await app.getByRole('button', { name: 'Run pid_pack.pid across versions…' }).click()
    const dialog = app.getByRole('dialog', { name: 'Run pid_pack.pid across versions' })
    await dialog.getByRole('group', { name: 'Versions to run' }).getByLabel(version ?? '').check()
    await dialog.getByLabel('Runs per version').fill('3')
    await dialog.getByRole('button', { name: 'Run across versions' }).click()

    await expect(app).toHaveURL(/#\/matrix\/\d+$/)
    const table = app.getByRole('table', { name: 'Runs per version' })
    await expect(table.getByTestId('matrix-row')).toHaveCount(3 + workbench.machine.filter((v) => v.name === 'Python').length - 1, { timeout: 60_000 })
    await expect(table.getByText('completed', { exact: true })).toHaveCount(3, { timeout: 180_000 })
    await expect(app.getByTestId('matrix-baseline')).toContainText(`baseline, ${version}`)
    await expect(app.getByTestId('matrix-baseline')).toContainText('3 runs per version')
    await expect(table.getByText('baseline', { exact: true })).toHaveCount(1)
    await expect(table.getByText(`differs from ${version}`)).toHaveCount(2)
    const fields = app.getByRole('table', { name: `Fields that differ from ${version}` }).first()
    await expect(fields.getByRole('rowheader')).toHaveText(['pid'])
    await expect(fields).toContainText('changed')
    await expect(table.getByText('not chosen for this matrix').first()).toBeVisible()
    await expect(app.getByRole('img', { name: 'Duration per version' })).toContainText('3 runs')
    await screenshot(app, testInfo, 'matrix-diff')
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true })
  }
})
