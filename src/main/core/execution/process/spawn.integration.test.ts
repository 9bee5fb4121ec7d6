import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, it, expect } from 'vitest'
import { ETXTBSY_ATTEMPTS, ETXTBSY_DELAY_MS, spawnFailureText, spawnRetrying } from './spawn'

const dir = mkdtempSync(join(tmpdir(), 'attune-spawn-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function script(name: string): string {
  const path = join(dir, name)
  writeFileSync(path, '#!/bin/sh\necho spawned\n', { mode: 0o755, flag: 'wx' })
  return path
}

const exitOf = (child: Awaited<ReturnType<typeof spawnRetrying>>): Promise<number | null> => new Promise((resolve) => child.on('exit', (code) => resolve(code)))

describe.skipIf(process.platform !== 'linux')('spawnRetrying (spec §5.4 ETXTBSY retry)', () => {
  it('retries while the executable is still open for writing, then starts it', async () => {
    const path = script('busy-then-free')
    const writer = openSync(path, 'r+')
    setTimeout(() => closeSync(writer), ETXTBSY_DELAY_MS * 2)
    const child = await spawnRetrying(path, [], { stdio: 'ignore' })
    expect(await exitOf(child)).toBe(0)
  })

  it(`gives up after ${ETXTBSY_ATTEMPTS} attempts`, async () => {
    const path = script('always-busy')
    const writer = openSync(path, 'r+')
    const started = Date.now()
    try {
      await expect(spawnRetrying(path, [], { stdio: 'ignore' })).rejects.toMatchObject({ code: 'ETXTBSY' })
      expect(Date.now() - started).toBeGreaterThanOrEqual((ETXTBSY_ATTEMPTS - 1) * ETXTBSY_DELAY_MS - 5)
    } finally {
      closeSync(writer)
    }
  })

  it('rejects other spawn errors at once with a readable reason', async () => {
    const missing = spawnRetrying(join(dir, 'missing'), [], { stdio: 'ignore' })
    await expect(missing).rejects.toMatchObject({ code: 'ENOENT' })
    expect(spawnFailureText(await missing.catch((error: unknown) => error))).toBe('not found (ENOENT)')
  })
})
