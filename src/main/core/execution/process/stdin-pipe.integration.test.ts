import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { waitFor } from '../../../../../test-support/exec-machine'
import { FIFO_BATCH, openOutputPipe, openStdinPipe } from './stdin-pipe'

const previousTmp = process.env.TMPDIR
let parent: string | null = null

afterEach(() => {
  process.env.TMPDIR = previousTmp
  if (parent !== null) rmSync(parent, { recursive: true, force: true })
  parent = null
})

/** The FIFOs left in the pool's folder under `parent`. */
function fifosLeft(dir: string): number {
  const [pool] = readdirSync(dir).filter((name) => name.startsWith('attune-stdin-'))
  return pool === undefined ? 0 : readdirSync(join(dir, pool)).length
}

/** Take the three pipes of one run, as a run does, and close them. */
async function oneRun(): Promise<void> {
  const stdin = await openStdinPipe()
  const stdout = await openOutputPipe(() => undefined)
  const stderr = await openOutputPipe(() => undefined)
  for (const pipe of [stdin, stdout, stderr]) pipe?.closeChildEnd()
  stdin?.writer.destroy()
  stdout?.reader.destroy()
  stderr?.reader.destroy()
}

describe('the FIFO pool', () => {
  it('makes only what the first run takes, and makes more ahead from the second run on', async () => {
    parent = mkdtempSync(join(tmpdir(), 'attune-fifo-pool-'))
    // A pool per temp folder: this test's own, fresh.
    process.env.TMPDIR = parent
    await oneRun()
    expect(fifosLeft(parent)).toBe(0)
    await oneRun()
    await waitFor('a batch made ahead', () => fifosLeft(parent as string) === FIFO_BATCH || undefined)
  })
})
