import { spawn } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { pidAlive, waitFor } from '../../../../../test-support/exec-machine'
import { bootTicksNow, pidsSince, reapRunAsync } from './orphan-reaper'

/** The sweep by ATTUNE_EXEC_ID on real processes (Linux, /proc). */
const started: number[] = []
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Gone, as it should be.
    }
  }
})

function leftover(id: string, envsDir: string): number {
  const child = spawn('/bin/sh', ['-c', 'exec sleep 30'], { env: { ATTUNE_EXEC_ID: id, ATTUNE_RUNTIME_ENVS_DIR: envsDir }, stdio: 'ignore', detached: true })
  child.unref()
  started.push(child.pid as number)
  return child.pid as number
}

describe.skipIf(process.platform !== 'linux')('reapRunAsync', () => {
  it('kills what carries the run\'s id and envs dir, and nothing started after the run ended', async () => {
    const envsDir = `/tmp/reaper-test-${process.pid}`
    const ended = bootTicksNow()
    expect(ended).not.toBeNull()
    // A later run given the same id (a data home started afresh): started after `ended`, left alone.
    await new Promise((resolve) => setTimeout(resolve, 100))
    const later = leftover('7', envsDir)
    const other = leftover('8', envsDir)
    await waitFor('the processes to start', () => pidAlive(later) && pidAlive(other))
    expect(await reapRunAsync('7', envsDir, ended)).toEqual([])
    expect(pidAlive(later)).toBe(true)

    expect(await reapRunAsync('7', envsDir)).toEqual([later])
    await waitFor('the leftover to be gone', () => !pidAlive(later), 2_000)
    expect(pidAlive(other)).toBe(true)
  })

  it('with a pid range, looks only at pids handed out since the run started, wrapping round at pid_max', async () => {
    const envsDir = `/tmp/reaper-range-test-${process.pid}`
    const pid = leftover('9', envsDir)
    await waitFor('the process to start', () => pidAlive(pid))
    const range = pidsSince(pid)
    expect(range).not.toBeNull()
    // Its pid was handed out before the range starts: not looked at, so not killed.
    expect(await reapRunAsync('9', envsDir, undefined, { first: pid + 1, last: Math.max(range!.last, pid + 1) })).toEqual([])
    expect(pidAlive(pid)).toBe(true)
    // A range that wrapped round past pid_max still holds the pids before its end.
    expect(await reapRunAsync('9', envsDir, undefined, { first: pid + 2, last: pid })).toEqual([pid])
    await waitFor('the leftover to be gone', () => !pidAlive(pid), 2_000)
  })
})
