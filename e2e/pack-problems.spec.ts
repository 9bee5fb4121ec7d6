import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, openView, test } from './fixtures'

test('the Actions page lists every action file, broken ones too, with their problems and no Run button while they have an error', async ({ app }, testInfo) => {
  const dir = join(mkdtempSync(join(tmpdir(), 'attune-e2e-problems-')), 'problem_pack')
  mkdirSync(join(dir, 'actions'), { recursive: true })
  writeFileSync(join(dir, 'pack.yaml'), 'ref: problem_pack\nlabel: Problems\nversion: 1.0.0\n')
  writeFileSync(join(dir, 'actions', 'ok.sh'), 'echo ok\n')
  writeFileSync(join(dir, 'actions', 'ok.yaml'), 'ref: problem_pack.ok\nrunner_type: shell\nentry_point: ok.sh\n')
  writeFileSync(join(dir, 'actions', 'broken.yaml'), 'ref: problem_pack.broken\nrunner_type: shell\ndescription: "never closed\nentry_point: ok.sh\n')
  writeFileSync(join(dir, 'actions', 'pinned.yaml'), 'ref: problem_pack.pinned\nrunner_type: shell\nentry_point: ok.sh\nruntime_version: "!=3.12"\n')
  try {
    await openView(app, 'Packs')
    await app.getByLabel('Pack folder').fill(dir)
    await app.getByRole('button', { name: 'Add pack' }).click()
    await expect(app.getByRole('region', { name: 'problem_pack', exact: true })).toBeVisible()

    await openView(app, 'Actions')
    const pack = app.getByRole('region', { name: 'Actions of problem_pack' })
    await expect(pack.getByRole('button', { name: 'Run problem_pack.ok…' })).toBeVisible()

    // The file that failed to parse is listed by name, with its error at line and column, and cannot be run.
    const broken = pack.getByRole('row').filter({ hasText: 'actions/broken.yaml' })
    await expect(broken).toContainText('did not load')
    await expect(broken.getByRole('button')).toHaveCount(0)
    const brokenProblems = pack.getByRole('list', { name: 'Problems in actions/broken.yaml' })
    await expect(brokenProblems).toContainText('YAML syntax error: Missing closing "quote at line 3, column 14')

    // The action with an invalid constraint is listed with the field and line of its error, without a Run button.
    await expect(pack.getByRole('button', { name: 'Run problem_pack.pinned…' })).toHaveCount(0)
    const pinned = pack.getByRole('list', { name: 'Problems in actions/pinned.yaml' })
    await expect(pinned).toContainText('runtime_version')
    await expect(pinned).toContainText('line 4')
    await expect(pack.getByRole('row').filter({ hasText: 'problem_pack.pinned' }).first()).toContainText('has errors (see below)')

    // The header counts them and takes the author to the first one.
    const count = pack.getByRole('heading', { level: 2 }).getByRole('button', { name: '2 problems' })
    await expect(count).toBeVisible()
    await count.click()
    await expect(pack.getByRole('list', { name: /^Problems in / }).first()).toBeFocused()
    const path = testInfo.outputPath('actions-problems.png')
    await pack.screenshot({ path })
    await testInfo.attach('actions-problems', { path, contentType: 'image/png' })
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true })
  }
})
