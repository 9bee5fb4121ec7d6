import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RuntimeMachine } from '../../../../test-support/runtime-machine'
import { createProber } from '../discovery'
import { captureBaselineEnv } from '../commands/baseline-env'
import { verifyRuntimeLevel } from './verify-runtime'

let machine: RuntimeMachine

beforeEach(() => {
  machine = RuntimeMachine.create()
})
afterEach(() => {
  machine.dispose()
})

function context(filter: readonly string[] | null = null) {
  const env = machine.env(['bin'])
  return { prober: createProber({ env: captureBaselineEnv(env) }), timeoutMs: 10_000, pathValue: env.PATH ?? '', filter }
}

const python = {
  name: 'Python',
  aliases: ['python', 'python3'],
  distributions: {
    verification: {
      commands: [
        { binary: 'python', args: ['--version'], pattern: 'Python 3\\.' },
        { binary: 'python3', args: ['--version'], pattern: 'Python 3\\.', priority: 1 }
      ]
    }
  }
}

describe('verifyRuntimeLevel (spec §3.5)', () => {
  it('tries commands with default priority 999, so an explicit priority goes first', async () => {
    machine.python('bin/python3', '3.12.4')
    const result = await verifyRuntimeLevel(python, context())
    expect(result).toMatchObject({ available: true, reason: null })
    expect(result.verification.attempts.map((attempt) => attempt.command)).toEqual([`${machine.path('bin/python3')} --version`])
  })

  it('is unavailable with every attempt explained when nothing passes', async () => {
    machine.python('bin/python', '2.7.18')
    const result = await verifyRuntimeLevel(python, context())
    expect(result.available).toBe(false)
    expect(result.reason).toMatch(/^python3 --version: python3 is not on PATH; .*bin\/python --version: printed 'Python 2\.7\.18', which does not match/)
  })

  it('counts always_available and check_required: false as available without running anything', async () => {
    for (const verification of [{ always_available: true }, { check_required: false }]) {
      expect((await verifyRuntimeLevel({ name: 'Native', aliases: [], distributions: { verification } }, context())).available).toBe(true)
    }
    expect(machine.totalCalls()).toBe(0)
  })

  it('counts a runtime without a verification block as unavailable', async () => {
    const result = await verifyRuntimeLevel({ name: 'Ruby', aliases: ['ruby'], distributions: {} }, context())
    expect(result.available).toBe(false)
    expect(result.reason).toContain('no distributions.verification commands')
  })

  it('lets ATTUNE_WORKER_RUNTIMES decide by name and aliases when set', async () => {
    expect((await verifyRuntimeLevel(python, context(['python3']))).available).toBe(true)
    const excluded = await verifyRuntimeLevel(python, context(['node']))
    expect(excluded.available).toBe(false)
    expect(excluded.reason).toBe('excluded: ATTUNE_WORKER_RUNTIMES=node does not name it')
    expect((await verifyRuntimeLevel(python, context([]))).available).toBe(false)
    expect(machine.totalCalls()).toBe(0)
  })
})
