import { afterEach, beforeEach, describe, it, expect } from 'vitest'
import { discoverInstallations, type DiscoveryOptions } from './discover-installations'
import { FakeMachine } from './fake-machine'
import type { Installation, Inventory } from './installation'
import { createProber, type Prober } from './prober'

const PROBE_ENV = { PATH: '/usr/bin:/bin' }
let machine: FakeMachine

beforeEach(() => {
  machine = FakeMachine.create()
})
afterEach(() => {
  machine.dispose()
})

/** Options that look only inside the fake machine. */
function options(env: Record<string, string>, prober: Prober = createProber({ env: PROBE_ENV })): DiscoveryOptions {
  return {
    env: { HOME: machine.home, ...env },
    platform: 'linux',
    prober,
    systemDirs: [machine.path('sys')],
    homebrewPrefixes: [machine.path('brew')]
  }
}

function summary(inventory: Inventory): string[] {
  return inventory.installations.map(
    (found) => `${found.family} ${found.version} ${found.source} ${found.path.slice(machine.root.length + 1)}`
  )
}

function reasonFor(inventory: Inventory, relative: string): string | undefined {
  return inventory.skipped.find((skipped) => skipped.path === machine.path(relative))?.reason
}

/** A machine with one interpreter per source, plus shims, virtualenvs and aliases that must not count. */
function buildEveryLayout(): Record<string, string> {
  const m = machine
  // PATH
  m.python('bin/python3.12', '3.12.4')
  m.symlink('bin/python3', 'python3.12')
  m.node('bin/node', '20.11.1')
  m.executable('old/python2.7', { stderr: 'Python 2.7.18' })
  m.file('old/python2', 'not executable', 0o644)
  m.executable('home/.pyenv/shims/python3.11', { stderr: 'pyenv: python3.11: command not found', exitCode: 127 })
  m.executable('home/.pyenv/shims/python3', { stdout: 'Python 3.11.9' })
  m.node('home/.volta/bin/node', '18.20.4')
  // system folder: one new interpreter and one PATH already led to
  m.python('sys/python3.10', '3.10.12')
  m.symlink('sys/python3.12', m.path('bin/python3.12'))
  // pyenv
  m.python('home/.pyenv/versions/3.11.9/bin/python3.11', '3.11.9')
  m.symlink('home/.pyenv/versions/3.11.9/bin/python3', 'python3.11')
  m.executable('home/.pyenv/versions/3.11.9/bin/python3.11-config', { stdout: '--help' })
  m.executable('home/.pyenv/versions/pypy3.10-7.3.17/bin/python3', {
    stdout: 'Python 3.10.14 (75b3de9d9a4e, Aug 2024)\n[PyPy 7.3.17 with GCC 10.2.1]'
  })
  m.symlink('home/.pyenv/versions/3.11', '3.11.9')
  m.file('home/.pyenv/versions/myenv/pyvenv.cfg', 'home = /x\n')
  m.python('home/.pyenv/versions/myenv/bin/python3', '3.11.9')
  m.python('home/.pyenv/versions/3.11.9/envs/tool/bin/python3.11', '3.11.9')
  m.symlink('home/.pyenv/versions/tool', m.path('home/.pyenv/versions/3.11.9/envs/tool'))
  // asdf
  m.python('home/.asdf/installs/python/3.10.14/bin/python3.10', '3.10.14')
  m.node('home/.asdf/installs/nodejs/18.19.0/bin/node', '18.19.0')
  // mise (XDG default) with an alias folder
  m.executable('home/.local/share/mise/installs/python/3.13.0rc1/bin/python3.13', { stdout: 'Python 3.13.0rc1' })
  m.node('home/.local/share/mise/installs/node/22.1.0/bin/node', '22.1.0')
  m.symlink('home/.local/share/mise/installs/node/22', '22.1.0')
  // nvm, fnm, volta
  m.node('home/.nvm/versions/node/v21.7.3/bin/node', '21.7.3')
  m.node('home/.local/share/fnm/node-versions/v16.20.2/installation/bin/node', '16.20.2')
  m.node('home/.volta/tools/image/node/18.20.4/bin/node', '18.20.4')
  // uv with a minor-version alias
  m.python('home/.local/share/uv/python/cpython-3.12.7-linux-x86_64-gnu/bin/python3.12', '3.12.7')
  m.symlink('home/.local/share/uv/python/cpython-3.12-linux-x86_64-gnu', 'cpython-3.12.7-linux-x86_64-gnu')
  // Homebrew: opt links into the Cellar
  m.python('brew/Cellar/python@3.11/3.11.10/bin/python3.11', '3.11.10')
  m.symlink('brew/opt/python@3.11', '../Cellar/python@3.11/3.11.10')
  m.node('brew/Cellar/node@20/20.18.0/bin/node', '20.18.0')
  m.symlink('brew/opt/node@20', '../Cellar/node@20/20.18.0')
  m.node('brew/Cellar/node/23.1.0/bin/node', '23.1.0')
  m.symlink('brew/opt/node', '../Cellar/node/23.1.0')

  const path = ['bin', 'home/.pyenv/shims', 'home/.volta/bin', 'old', 'bin'].map((dir) => m.path(dir)).join(':')
  return { PATH: path }
}

describe('discoverInstallations', () => {
  it('finds every source with the version each executable reports', async () => {
    const inventory = await discoverInstallations(options(buildEveryLayout()))

    expect(summary(inventory)).toEqual([
      'python 3.13.0-rc.1 mise home/.local/share/mise/installs/python/3.13.0rc1/bin/python3.13',
      'python 3.12.7 uv home/.local/share/uv/python/cpython-3.12.7-linux-x86_64-gnu/bin/python3.12',
      'python 3.12.4 path bin/python3',
      'python 3.12.4 path bin/python3.12',
      'python 3.11.10 homebrew brew/opt/python@3.11/bin/python3.11',
      'python 3.11.9 pyenv home/.pyenv/versions/3.11.9/bin/python3.11',
      'python 3.10.14 pyenv home/.pyenv/versions/pypy3.10-7.3.17/bin/python3',
      'python 3.10.14 asdf home/.asdf/installs/python/3.10.14/bin/python3.10',
      'python 3.10.12 system sys/python3.10',
      'python 2.7.18 path old/python2.7',
      'node 23.1.0 homebrew brew/opt/node/bin/node',
      'node 22.1.0 mise home/.local/share/mise/installs/node/22.1.0/bin/node',
      'node 21.7.3 nvm home/.nvm/versions/node/v21.7.3/bin/node',
      'node 20.18.0 homebrew brew/opt/node@20/bin/node',
      'node 20.11.1 path bin/node',
      'node 18.20.4 volta home/.volta/tools/image/node/18.20.4/bin/node',
      'node 18.19.0 asdf home/.asdf/installs/nodejs/18.19.0/bin/node',
      'node 16.20.2 fnm home/.local/share/fnm/node-versions/v16.20.2/installation/bin/node'
    ])
  })

  it('records real paths and details', async () => {
    const inventory = await discoverInstallations(options(buildEveryLayout()))
    const byPath = (relative: string): Installation | undefined =>
      inventory.installations.find((found) => found.path === machine.path(relative))

    expect(byPath('bin/python3')).toMatchObject({
      realPath: machine.path('bin/python3.12'),
      detail: `PATH entry ${machine.path('bin')}`
    })
    expect(byPath('home/.pyenv/versions/3.11.9/bin/python3.11')?.detail).toBe(
      `pyenv version 3.11.9 under ${machine.path('home/.pyenv')}`
    )
    expect(byPath('brew/opt/python@3.11/bin/python3.11')).toMatchObject({
      realPath: machine.path('brew/Cellar/python@3.11/3.11.10/bin/python3.11'),
      detail: `Homebrew formula python@3.11 under ${machine.path('brew')}`
    })
    expect(byPath('sys/python3.10')?.detail).toBe(`system folder ${machine.path('sys')}`)
    expect(byPath('home/.nvm/versions/node/v21.7.3/bin/node')?.detail).toBe(
      `nvm version v21.7.3 under ${machine.path('home/.nvm')}`
    )
  })

  it('never runs shims and reports shim folders and virtualenvs as skipped', async () => {
    const inventory = await discoverInstallations(options(buildEveryLayout()))

    expect(machine.calls('home/.pyenv/shims/python3.11')).toBe(0)
    expect(machine.calls('home/.pyenv/shims/python3')).toBe(0)
    expect(machine.calls('home/.volta/bin/node')).toBe(0)
    expect(reasonFor(inventory, 'home/.pyenv/shims')).toMatch(/shim folder/)
    expect(reasonFor(inventory, 'home/.volta/bin')).toMatch(/shim folder/)
    expect(reasonFor(inventory, 'home/.pyenv/versions/myenv')).toMatch(/virtualenv.*pyvenv\.cfg/)
    expect(reasonFor(inventory, 'home/.pyenv/versions/tool')).toMatch(/virtualenv.*envs\/tool/)
    expect(machine.calls('home/.pyenv/versions/myenv/bin/python3')).toBe(0)
    expect(inventory.skipped.map((skipped) => skipped.path)).toEqual(
      [
        'home/.pyenv/shims',
        'home/.pyenv/versions/myenv',
        'home/.pyenv/versions/tool',
        'home/.volta/bin'
      ].map((relative) => machine.path(relative))
    )
  })

  it('lists each path once, leaves out aliases and runs each file once', async () => {
    const inventory = await discoverInstallations(options(buildEveryLayout()))
    const paths = inventory.installations.map((found) => found.path)

    expect(new Set(paths).size).toBe(paths.length)
    expect(paths).not.toContain(machine.path('sys/python3.12'))
    expect(paths).not.toContain(machine.path('home/.pyenv/versions/3.11/bin/python3.11'))
    expect(paths).not.toContain(machine.path('home/.local/share/mise/installs/node/22/bin/node'))
    expect(paths.some((path) => path.includes('cpython-3.12-linux'))).toBe(false)
    expect(machine.calls('bin/python3.12')).toBe(1)
    expect(machine.calls('home/.pyenv/versions/3.11.9/bin/python3.11-config')).toBe(0)
  })

  it('answers a second discovery from the cache without running anything', async () => {
    const env = buildEveryLayout()
    const prober = createProber({ env: PROBE_ENV })
    const first = await discoverInstallations(options(env, prober))
    const runs = machine.totalCalls()

    const second = await discoverInstallations(options(env, prober))

    expect(runs).toBe(first.installations.length - 1)
    expect(second).toEqual(first)
    expect(machine.totalCalls()).toBe(runs)
  })

  it('reports broken candidates with a reason', async () => {
    machine.executable('bin/python3', { stderr: 'error while loading shared libraries', exitCode: 1 })
    machine.executable('bin/python3.9', { stdout: 'hello' })
    machine.executable('bin/nodejs', { sleepSeconds: 30, stdout: 'v20.0.0' })
    machine.file('home/.nvm/versions/node/v19.0.0/bin/.keep', '')
    machine.python('bin/python3.12', '3.12.4')
    const prober = createProber({ env: PROBE_ENV, timeoutMs: 300 })

    const inventory = await discoverInstallations(options({ PATH: machine.path('bin') }, prober))

    expect(summary(inventory)).toEqual(['python 3.12.4 path bin/python3.12'])
    expect(reasonFor(inventory, 'bin/python3')).toBe(
      '"--version" failed with exit status 1: "error while loading shared libraries"'
    )
    expect(reasonFor(inventory, 'bin/python3.9')).toBe('"--version" printed no Python version (it printed "hello")')
    expect(reasonFor(inventory, 'bin/nodejs')).toBe('did not answer "--version" in time and was stopped')
    expect(reasonFor(inventory, 'home/.nvm/versions/node/v19.0.0/bin/node')).toMatch(/has no node executable/)
  })

  it('follows the managers’ variables and treats a custom VOLTA_HOME/bin as shims', async () => {
    machine.python('custom/pyenv/versions/3.9.19/bin/python3.9', '3.9.19')
    machine.node('custom/volta/bin/node', '99.0.0')
    machine.node('custom/volta/tools/image/node/20.1.0/bin/node', '20.1.0')
    machine.node('custom/nvm/versions/node/v18.0.0/bin/node', '18.0.0')
    machine.python('home/.pyenv/versions/3.8.0/bin/python3.8', '3.8.0')

    const inventory = await discoverInstallations(
      options({
        PATH: machine.path('custom/volta/bin'),
        PYENV_ROOT: machine.path('custom/pyenv'),
        VOLTA_HOME: machine.path('custom/volta'),
        NVM_DIR: machine.path('custom/nvm')
      })
    )

    expect(summary(inventory)).toEqual([
      'python 3.9.19 pyenv custom/pyenv/versions/3.9.19/bin/python3.9',
      'node 20.1.0 volta custom/volta/tools/image/node/20.1.0/bin/node',
      'node 18.0.0 nvm custom/nvm/versions/node/v18.0.0/bin/node'
    ])
    expect(machine.calls('custom/volta/bin/node')).toBe(0)
  })

  it('on a merged-/usr machine lists each PATH spelling of an interpreter and runs the file once', async () => {
    machine.python('usr/bin/python3.12', '3.12.4')
    machine.symlink('usr/bin/python3', 'python3.12')
    machine.symlink('bin', 'usr/bin')

    const inventory = await discoverInstallations({
      ...options({ PATH: [machine.path('usr/bin'), machine.path('bin')].join(':') }),
      systemDirs: [machine.path('usr/bin'), machine.path('bin')]
    })

    expect(summary(inventory)).toEqual([
      'python 3.12.4 path usr/bin/python3',
      'python 3.12.4 path usr/bin/python3.12',
      'python 3.12.4 path bin/python3',
      'python 3.12.4 path bin/python3.12'
    ])
    expect(machine.calls('usr/bin/python3.12')).toBe(1)
  })

  it('keeps the first source for a path reached twice', async () => {
    machine.python('home/.pyenv/versions/3.12.1/bin/python3.12', '3.12.1')
    const inventory = await discoverInstallations(
      options({ PATH: machine.path('home/.pyenv/versions/3.12.1/bin') })
    )
    expect(summary(inventory)).toEqual(['python 3.12.1 path home/.pyenv/versions/3.12.1/bin/python3.12'])
  })

  it('keeps at most `concurrency` probes in flight', async () => {
    for (let minor = 0; minor < 6; minor++) {
      machine.executable(`bin/python3.${minor}`, { stdout: `Python 3.${minor}.1`, sleepSeconds: 0.1 })
    }
    const real = createProber({ env: PROBE_ENV })
    let running = 0
    let peak = 0
    const counting: Prober = {
      async probe(path, args) {
        peak = Math.max(peak, ++running)
        try {
          return await real.probe(path, args)
        } finally {
          running--
        }
      }
    }

    const inventory = await discoverInstallations({
      ...options({ PATH: machine.path('bin') }, counting),
      concurrency: 2
    })

    expect(inventory.installations).toHaveLength(6)
    expect(peak).toBe(2)
  })

  it('finds nothing on an empty machine', async () => {
    expect(await discoverInstallations(options({ PATH: '' }))).toEqual({ installations: [], skipped: [] })
  })
})
