import { linkSync, utimesSync } from 'node:fs'
import { afterEach, beforeEach, describe, it, expect } from 'vitest'
import { FakeMachine } from './fake-machine'
import { fileIdentitySync } from './file-identity'
import { MemoryProbeCache } from './probe-cache'
import { createProber } from './prober'

const PROBE_ENV = { PATH: '/usr/bin:/bin' }
let machine: FakeMachine

beforeEach(() => {
  machine = FakeMachine.create()
})
afterEach(() => {
  machine.dispose()
})

describe('createProber', () => {
  it('runs the executable once and answers the second probe from the cache', async () => {
    const python = machine.python('bin/python3.12', '3.12.4')
    const prober = createProber({ env: PROBE_ENV })

    const first = await prober.probe(python, ['--version'])
    const second = await prober.probe(python, ['--version'])

    expect(first).toEqual({
      exitCode: 0,
      stdout: 'Python 3.12.4\n',
      stderr: '',
      timedOut: false,
      spawnError: null,
      cached: false
    })
    expect(second).toEqual({ ...first, cached: true })
    expect(machine.calls('bin/python3.12')).toBe(1)
  })

  it('reads output far past 64 KiB, as the worker reads all of it (version_verify.rs wait_with_output)', async () => {
    const script = machine.file('bin/chatty', '#!/bin/sh\ni=0\nwhile [ $i -lt 3000 ]; do echo "warning: filler line number $i of many"; i=$((i+1)); done\necho "Python 3.12.4"\n', 0o755)
    const outcome = await createProber({ env: PROBE_ENV }).probe(script, [])
    expect(outcome.stdout.length).toBeGreaterThan(100_000)
    expect(outcome.stdout.endsWith('Python 3.12.4\n')).toBe(true)
  })

  it('runs only the environment it is given', async () => {
    const script = machine.file('bin/env-dump', '#!/bin/sh\nprintf "%s|%s" "$PATH" "${HOME-unset}"\n', 0o755)
    const outcome = await createProber({ env: PROBE_ENV }).probe(script, [])
    expect(outcome.stdout).toBe('/usr/bin:/bin|unset')
  })

  it('answers a symlink to an already probed file from the cache', async () => {
    const python = machine.python('bin/python3.12', '3.12.4')
    const link = machine.symlink('bin/python3', 'python3.12')
    const prober = createProber({ env: PROBE_ENV })

    await prober.probe(python, ['--version'])
    const viaLink = await prober.probe(link, ['--version'])

    expect(viaLink.cached).toBe(true)
    expect(viaLink.stdout).toBe('Python 3.12.4\n')
    expect(machine.calls('bin/python3.12')).toBe(1)
  })

  it('probes again after the file is rewritten', async () => {
    const python = machine.python('bin/python3', '3.12.4')
    const prober = createProber({ env: PROBE_ENV })
    await prober.probe(python, ['--version'])

    machine.executable('bin/python3', { stdout: 'Python 3.12.10' })
    const after = await prober.probe(python, ['--version'])

    expect(after.cached).toBe(false)
    expect(after.stdout).toBe('Python 3.12.10\n')
    expect(machine.calls('bin/python3')).toBe(2)
  })

  it('probes again after only the modification time changes', async () => {
    const python = machine.python('bin/python3', '3.12.4')
    const prober = createProber({ env: PROBE_ENV })
    await prober.probe(python, ['--version'])
    const before = fileIdentitySync(python)

    utimesSync(python, new Date(), new Date(Date.now() + 60_000))
    const after = await prober.probe(python, ['--version'])

    expect(fileIdentitySync(python)?.mtimeMs).not.toBe(before?.mtimeMs)
    expect(after.cached).toBe(false)
    expect(machine.calls('bin/python3')).toBe(2)
  })

  it('keeps outcomes for different arguments apart', async () => {
    const python = machine.python('bin/python3', '3.12.4')
    const prober = createProber({ env: PROBE_ENV })
    await prober.probe(python, ['--version'])
    const other = await prober.probe(python, ['-V'])
    expect(other.cached).toBe(false)
    expect(machine.calls('bin/python3')).toBe(2)
  })

  it('shares one process between concurrent probes of the same file', async () => {
    const python = machine.executable('bin/python3.12', { stdout: 'Python 3.12.4', sleepSeconds: 0.2 })
    const link = machine.symlink('bin/python3', 'python3.12')
    const prober = createProber({ env: PROBE_ENV })

    const outcomes = await Promise.all([
      prober.probe(python, ['--version']),
      prober.probe(link, ['--version']),
      prober.probe(python, ['--version'])
    ])

    expect(outcomes.map((outcome) => [outcome.stdout, outcome.cached])).toEqual([
      ['Python 3.12.4\n', false],
      ['Python 3.12.4\n', false],
      ['Python 3.12.4\n', false]
    ])
    expect(machine.calls('bin/python3.12')).toBe(1)
  })

  it('runs a file reached through hard links once, and answers each link from the cache afterwards', async () => {
    const python = machine.executable('bin/python3.12', { stdout: 'Python 3.12.4', sleepSeconds: 0.2 })
    const hardLink = machine.path('bin/python3')
    linkSync(python, hardLink)
    const prober = createProber({ env: PROBE_ENV })

    const together = await Promise.all([prober.probe(python, ['--version']), prober.probe(hardLink, ['--version'])])
    const later = await Promise.all([prober.probe(python, ['--version']), prober.probe(hardLink, ['--version'])])

    expect(together.map((outcome) => [outcome.stdout, outcome.cached])).toEqual([
      ['Python 3.12.4\n', false],
      ['Python 3.12.4\n', false]
    ])
    expect(later.map((outcome) => [outcome.stdout, outcome.cached])).toEqual([
      ['Python 3.12.4\n', true],
      ['Python 3.12.4\n', true]
    ])
    expect(machine.calls('bin/python3.12')).toBe(1)
  })

  it('answers a hard link of a file already run as a cache hit, then from the cache under its own path', async () => {
    const python = machine.python('bin/python3.12', '3.12.4')
    const hardLink = machine.path('bin/python3')
    linkSync(python, hardLink)
    const cache = new MemoryProbeCache()
    const prober = createProber({ env: PROBE_ENV, cache })

    await prober.probe(python, ['--version'])
    const viaLink = await prober.probe(hardLink, ['--version'])

    expect(viaLink).toMatchObject({ stdout: 'Python 3.12.4\n', cached: true })
    expect(machine.calls('bin/python3.12')).toBe(1)
    // A later prober sharing the cache (a new process) finds the link's own entry.
    expect(await createProber({ env: PROBE_ENV, cache }).probe(hardLink, ['--version'])).toMatchObject({ cached: true })
    expect(cache.size).toBe(2)
  })

  it('caches a completed run that exited non-zero', async () => {
    const broken = machine.executable('bin/python3', { stderr: 'boom', exitCode: 3 })
    const prober = createProber({ env: PROBE_ENV })
    await prober.probe(broken, ['--version'])
    const again = await prober.probe(broken, ['--version'])
    expect(again).toMatchObject({ exitCode: 3, stderr: 'boom\n', cached: true })
    expect(machine.calls('bin/python3')).toBe(1)
  })

  it('does not cache a timeout', async () => {
    const hanging = machine.executable('bin/python3', { stdout: 'Python 3.12.4', sleepSeconds: 30 })
    const cache = new MemoryProbeCache()
    const prober = createProber({ env: PROBE_ENV, cache, timeoutMs: 300 })

    const started = Date.now()
    const first = await prober.probe(hanging, ['--version'])
    const second = await prober.probe(hanging, ['--version'])

    expect(first).toMatchObject({ timedOut: true, exitCode: -1, cached: false })
    expect(second).toMatchObject({ timedOut: true, cached: false })
    expect(cache.size).toBe(0)
    expect(machine.calls('bin/python3')).toBe(2)
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('does not cache a spawn failure', async () => {
    const notExecutable = machine.file('bin/python3', '#!/bin/sh\necho "Python 3.12.4"\n', 0o644)
    const cache = new MemoryProbeCache()
    const prober = createProber({ env: PROBE_ENV, cache })

    const outcome = await prober.probe(notExecutable, ['--version'])

    expect(outcome).toMatchObject({ spawnError: 'not executable', exitCode: -1, cached: false })
    expect(cache.size).toBe(0)
  })

  it('reports a missing file or dangling link as not found without running anything', async () => {
    const dangling = machine.symlink('bin/python3', 'python3.99')
    const prober = createProber({ env: PROBE_ENV })
    for (const path of [dangling, machine.path('bin/nothing')]) {
      expect(await prober.probe(path, ['--version'])).toEqual({
        exitCode: -1,
        stdout: '',
        stderr: '',
        timedOut: false,
        spawnError: 'not found',
        cached: false
      })
    }
  })

  it('answers from a cache shared with an earlier prober', async () => {
    const node = machine.node('bin/node', '20.11.1')
    const cache = new MemoryProbeCache()
    await createProber({ env: PROBE_ENV, cache }).probe(node, ['--version'])
    const later = await createProber({ env: PROBE_ENV, cache }).probe(node, ['--version'])
    expect(later).toMatchObject({ stdout: 'v20.11.1\n', cached: true })
    expect(machine.calls('bin/node')).toBe(1)
  })
})

describe('fileIdentitySync', () => {
  it('resolves symlinks and reports the target’s stat', () => {
    const python = machine.python('bin/python3.12', '3.12.4')
    const identity = fileIdentitySync(machine.symlink('bin/python3', 'python3.12'))
    expect(identity).toMatchObject({ realPath: python, size: expect.any(Number), ino: expect.any(Number) })
    expect(identity).toEqual(fileIdentitySync(python))
  })

  it('is null for a missing file', () => {
    expect(fileIdentitySync(machine.path('missing'))).toBeNull()
  })
})
