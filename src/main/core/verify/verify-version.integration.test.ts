import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RuntimeMachine } from '../../../../test-support/runtime-machine'
import { createProber, discoverInstallations, type InterpreterFamily } from '../discovery'
import { captureBaselineEnv } from '../commands/baseline-env'
import { InterpreterResolver } from './interpreter-resolver'
import { verifyVersion, type VersionToVerify } from './verify-version'

let machine: RuntimeMachine

beforeEach(() => {
  machine = RuntimeMachine.create()
})
afterEach(() => {
  machine.dispose()
})

/** What the verifier passes to verifyVersion, built from the engine env the way the workbench does. */
async function contextFor(env: Record<string, string>, timeoutMs = 10_000) {
  const prober = createProber({ env: captureBaselineEnv(env), timeoutMs })
  const inventory = await discoverInstallations({ env, prober, platform: 'linux', ...machine.discovery })
  return { resolver: new InterpreterResolver(inventory, env.PATH ?? ''), prober, timeoutMs, pathValue: env.PATH ?? '' }
}

function pythonRow(version: string): VersionToVerify {
  return {
    version,
    family: 'python',
    executionConfig: { interpreter: { binary: `python${version}`, args: ['-u'] } },
    distributions: {
      verification: {
        commands: [{ binary: `python${version}`, args: ['--version'], exit_code: 0, pattern: `Python ${version.replace('.', '\\.')}\\.`, priority: 1 }]
      }
    }
  }
}

function nodeRow(major: string): VersionToVerify {
  const pattern = `v${major}\\.`
  return {
    version: major,
    family: 'node',
    executionConfig: { interpreter: { binary: `node${major}` } },
    distributions: {
      verification: {
        commands: [
          { binary: `node${major}`, args: ['--version'], exit_code: 0, pattern, priority: 1 },
          { binary: 'node', args: ['--version'], exit_code: 0, pattern, priority: 2 }
        ]
      }
    }
  }
}

function bareRow(binary: string, family: InterpreterFamily | null = null): VersionToVerify {
  return { version: '1.0', family, executionConfig: binary === '' ? {} : { interpreter: { binary } }, distributions: {} }
}

describe('verifyVersion: where the interpreter comes from', () => {
  it('uses the command found on PATH (source path)', async () => {
    const python = machine.python('bin/python3.12', '3.12.4')
    const result = await verifyVersion(pythonRow('3.12'), await contextFor(machine.env(['bin'])))
    expect(result).toMatchObject({ available: true, interpreter: python, source: 'path', reason: null })
    expect(result.verification).toMatchObject({ command: `${python} --version`, exitCode: 0, matched: true, output: 'Python 3.12.4' })
  })

  it('lets a pyenv installation stand in for a bare python3.12 that is not on PATH', async () => {
    const pyenv = machine.pyenvPython('3.12.4')
    machine.pyenvPython('3.13.2')
    const result = await verifyVersion(pythonRow('3.12'), await contextFor(machine.env(['bin'])))
    expect(result).toMatchObject({ available: true, interpreter: pyenv, source: 'pyenv' })
    expect(result.sourceDetail).toContain('stands in for python3.12')
    expect(result.verification?.command).toBe(`${pyenv} --version`)
  })

  it('picks the highest matching patch when several installations could stand in', async () => {
    machine.pyenvPython('3.12.1')
    const newest = machine.pyenvPython('3.12.7')
    const result = await verifyVersion(pythonRow('3.12'), await contextFor(machine.env([])))
    expect(result.interpreter).toBe(newest)
  })

  it('never runs a shim folder on PATH, even when it comes first', async () => {
    const shims = machine.pyenvShims(['python3.12', 'python3', 'python'])
    const pyenv = machine.pyenvPython('3.12.4')
    const env = machine.env(['home/.pyenv/shims', 'bin'])
    expect(env.PATH?.startsWith(shims)).toBe(true)
    const result = await verifyVersion(pythonRow('3.12'), await contextFor(env))
    expect(result).toMatchObject({ available: true, interpreter: pyenv, source: 'pyenv' })
    expect(machine.calls('shim:python3.12') + machine.calls('shim:python3') + machine.calls('shim:python')).toBe(0)
  })

  it('notes a passed-over shim when nothing else provides the command', async () => {
    machine.pyenvShims(['python3.12'])
    const result = await verifyVersion(pythonRow('3.12'), await contextFor(machine.env(['home/.pyenv/shims'])))
    expect(result.available).toBe(false)
    expect(result.reason).toContain(`${machine.path('home/.pyenv/shims/python3.12')} is a version-manager shim, which is never used`)
    expect(machine.calls('shim:python3.12')).toBe(0)
  })

  it('lets Node 20 from nvm stand in for node20', async () => {
    const nvm = machine.nvmNode('20.11.1')
    machine.nvmNode('22.3.0')
    const result = await verifyVersion(nodeRow('20'), await contextFor(machine.env(['bin'])))
    expect(result).toMatchObject({ available: true, interpreter: nvm, source: 'nvm' })
    expect(result.verification?.command).toBe(`${nvm} --version`)
  })

  it('falls through to the next command when the first cannot pass', async () => {
    // node22 is nowhere, but `node` on PATH is v22: the priority-2 command decides.
    const node = machine.node('bin/node', '22.3.0')
    const result = await verifyVersion(nodeRow('22'), await contextFor(machine.env(['bin'])))
    expect(result.available).toBe(true)
    expect(result.verification?.attempts).toHaveLength(1)
    // The PATH node is itself an installation of Node 22, so it also stands in for node22.
    expect(result).toMatchObject({ interpreter: node, source: 'path' })
  })
})

describe('verifyVersion: why a version is unavailable', () => {
  it('names the command and says no installation was found when the binary is missing', async () => {
    machine.pyenvPython('3.11.9')
    const result = await verifyVersion(pythonRow('3.12'), await contextFor(machine.env(['bin'])))
    expect(result).toMatchObject({ available: false, interpreter: null, source: null })
    expect(result.reason).toContain('python3.12')
    expect(result.reason).toContain('no Python 3.12 installation was found')
    expect(result.verification).toMatchObject({ command: 'python3.12 --version', exitCode: null, matched: false })
  })

  it('lists every command tried, in priority order', async () => {
    const result = await verifyVersion(nodeRow('20'), await contextFor(machine.env(['bin'])))
    expect(result.available).toBe(false)
    expect(result.reason).toMatch(/^node20 --version: node20 is not on PATH and no Node\.js 20 installation was found.*; node --version: node is not on PATH/)
    expect(result.verification?.attempts.map((attempt) => attempt.command)).toEqual(['node20 --version', 'node --version'])
  })

  it('says what a non-matching binary printed and the pattern it had to match', async () => {
    machine.python('bin/python3.13', '3.12.4')
    const result = await verifyVersion(pythonRow('3.13'), await contextFor(machine.env(['bin'])))
    expect(result.available).toBe(false)
    expect(result.reason).toContain("printed 'Python 3.12.4'")
    expect(result.reason).toContain('Python 3\\.13\\.')
    expect(result.verification).toMatchObject({ exitCode: 0, matched: false, output: 'Python 3.12.4' })
  })

  it('says so when a binary prints nothing', async () => {
    machine.fake.executable('bin/python3.12', {})
    const result = await verifyVersion(pythonRow('3.12'), await contextFor(machine.env(['bin'])))
    expect(result.reason).toContain('printed nothing, which does not match /Python 3\\.12\\./')
  })

  it('fails a wrong exit code, quoting the output', async () => {
    machine.fake.executable('bin/python3.12', { stdout: 'Python 3.12.4', stderr: 'broken install', exitCode: 3 })
    const result = await verifyVersion(pythonRow('3.12'), await contextFor(machine.env(['bin'])))
    expect(result.available).toBe(false)
    expect(result.reason).toContain('exited with 3, expected 0')
    expect(result.reason).toContain('Python 3.12.4')
    expect(result.verification?.exitCode).toBe(3)
  })

  it('accepts a command whose expected exit code is not 0', async () => {
    machine.fake.executable('bin/python3.12', { stdout: 'Python 3.12.4', exitCode: 2 })
    const row = pythonRow('3.12')
    const distributions = { verification: { commands: [{ binary: 'python3.12', args: ['--version'], exit_code: 2, pattern: 'Python' }] } }
    const result = await verifyVersion({ ...row, distributions }, await contextFor(machine.env(['bin'])))
    expect(result.available).toBe(true)
  })

  it('fails a command whose pattern is not a valid regular expression', async () => {
    machine.python('bin/python3.12', '3.12.4')
    const distributions = { verification: { commands: [{ binary: 'python3.12', args: ['--version'], pattern: 'Python (3' }] } }
    const result = await verifyVersion({ ...pythonRow('3.12'), distributions }, await contextFor(machine.env(['bin'])))
    expect(result.available).toBe(false)
    expect(result.reason).toContain('not a valid regular expression')
  })

  it('gives up on a hanging binary within the timeout and says so', async () => {
    machine.fake.executable('bin/python3.12', { stdout: 'Python 3.12.4', sleepSeconds: 30 })
    const started = Date.now()
    const result = await verifyVersion(pythonRow('3.12'), await contextFor(machine.env(['bin']), 400))
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(result.available).toBe(false)
    expect(result.reason).toContain('did not answer within 0.4 s and was killed')
  })
})

describe('verifyVersion without verification commands (spec §3.1 step 2)', () => {
  it('assumes an empty interpreter is available without running anything', async () => {
    const result = await verifyVersion(bareRow(''), await contextFor(machine.env(['bin'])))
    expect(result).toMatchObject({ available: true, interpreter: null, reason: null })
    expect(result.verification).toMatchObject({ command: null, matched: true, attempts: [] })
    expect(machine.totalCalls()).toBe(0)
  })

  it('runs `binary --version` and lets exit 0 decide, ignoring the output', async () => {
    const ruby = machine.fake.executable('bin/ruby3.3', { stdout: 'anything at all' })
    const result = await verifyVersion(bareRow('ruby3.3'), await contextFor(machine.env(['bin'])))
    expect(result).toMatchObject({ available: true, interpreter: ruby, source: 'path' })
    expect(result.verification?.command).toBe(`${ruby} --version`)
    expect(machine.calls('bin/ruby3.3')).toBe(1)
  })

  it('is unavailable when `binary --version` exits non-zero', async () => {
    machine.fake.executable('bin/ruby3.3', { stdout: 'ruby 3.3.0', exitCode: 1 })
    const result = await verifyVersion(bareRow('ruby3.3'), await contextFor(machine.env(['bin'])))
    expect(result.available).toBe(false)
    expect(result.reason).toContain('exited with 1, expected 0')
  })

  it('is unavailable when the binary does not exist (spec scenario 9)', async () => {
    const result = await verifyVersion(bareRow('ruby3.3'), await contextFor(machine.env(['bin'])))
    expect(result.available).toBe(false)
    expect(result.reason).toContain('ruby3.3 is not on PATH')
  })

  it('checks an absolute interpreter path directly', async () => {
    const tool = machine.fake.executable('opt/tool/bin/tool', { stdout: 'tool 1.0' })
    const present = await verifyVersion(bareRow(tool), await contextFor(machine.env([])))
    expect(present).toMatchObject({ available: true, interpreter: tool, source: 'absolute' })
    const missing = await verifyVersion(bareRow(machine.path('opt/none')), await contextFor(machine.env([])))
    expect(missing.available).toBe(false)
    expect(missing.reason).toContain('does not exist')
  })
})
