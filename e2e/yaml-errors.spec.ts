import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, openView, test } from './fixtures'

test('a YAML syntax error is shown once, at the line and column where it starts, with the line and a caret', async ({ app }) => {
  const dir = join(mkdtempSync(join(tmpdir(), 'attune-e2e-yaml-')), 'yaml_pack')
  mkdirSync(join(dir, 'actions'), { recursive: true })
  writeFileSync(join(dir, 'pack.yaml'), 'ref: yaml_pack\nlabel: YAML\nversion: 1.0.0\n')
  writeFileSync(join(dir, 'actions', 'ok.yaml'), 'ref: yaml_pack.ok\nrunner_type: shell\nentry_point: ok.sh\n')
  writeFileSync(join(dir, 'actions', 'ok.sh'), 'echo ok\n')
  writeFileSync(join(dir, 'actions', 'broken.yaml'), 'ref: yaml_pack.broken\nrunner_type: shell\ndescription: "never closed\nentry_point: ok.sh\n')
  try {
    await openView(app, 'Packs')
    await app.getByLabel('Pack folder').fill(dir)
    await app.getByRole('button', { name: 'Add pack' }).click()
    const pack = app.getByRole('region', { name: 'yaml_pack', exact: true })
    await expect(pack).toBeVisible()
    const problems = pack.getByText(/YAML syntax error/)
    await expect(problems).toHaveCount(1)
    await expect(problems).toHaveText('YAML syntax error: Missing closing "quote at line 3, column 14\n    description: "never closed\n                 ^')
  } finally {
    rmSync(join(dir, '..'), { recursive: true, force: true })
  }
})
