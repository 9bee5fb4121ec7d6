import { describe, it, expect } from 'vitest'
import { managerRoots, managerShimDirs } from './manager-roots'

describe('managerRoots', () => {
  it('uses the documented defaults under HOME', () => {
    expect(managerRoots({ HOME: '/home/u' })).toEqual({
      pyenv: ['/home/u/.pyenv'],
      asdf: ['/home/u/.asdf'],
      mise: ['/home/u/.local/share/mise'],
      nvm: ['/home/u/.nvm'],
      fnm: ['/home/u/.local/share/fnm', '/home/u/.fnm', '/home/u/Library/Application Support/fnm'],
      volta: ['/home/u/.volta'],
      uv: ['/home/u/.local/share/uv/python'],
      homebrew: ['/opt/homebrew', '/usr/local', '/home/linuxbrew/.linuxbrew']
    })
  })

  it('prefers each manager’s own variable', () => {
    const roots = managerRoots({
      HOME: '/home/u',
      PYENV_ROOT: '/opt/pyenv',
      ASDF_DATA_DIR: '/opt/asdf',
      MISE_DATA_DIR: '/opt/mise',
      NVM_DIR: '/opt/nvm',
      FNM_DIR: '/opt/fnm',
      VOLTA_HOME: '/opt/volta',
      UV_PYTHON_INSTALL_DIR: '/opt/uv',
      XDG_DATA_HOME: '/xdg',
      HOMEBREW_PREFIX: '/opt/brew'
    })
    expect(roots).toEqual({
      pyenv: ['/opt/pyenv'],
      asdf: ['/opt/asdf'],
      mise: ['/opt/mise'],
      nvm: ['/opt/nvm'],
      fnm: ['/opt/fnm'],
      volta: ['/opt/volta'],
      uv: ['/opt/uv'],
      homebrew: ['/opt/brew', '/opt/homebrew', '/usr/local', '/home/linuxbrew/.linuxbrew']
    })
  })

  it('puts XDG_DATA_HOME ahead of the HOME defaults for mise, fnm and uv', () => {
    const roots = managerRoots({ HOME: '/home/u', XDG_DATA_HOME: '/xdg' })
    expect(roots.mise).toEqual(['/xdg/mise'])
    expect(roots.uv).toEqual(['/xdg/uv/python'])
    expect(roots.fnm[0]).toBe('/xdg/fnm')
    expect(roots.fnm).toContain('/home/u/.fnm')
  })

  it('treats empty and relative values as unset and leaves out HOME defaults without HOME', () => {
    const roots = managerRoots({ PYENV_ROOT: 'relative/pyenv', NVM_DIR: '', HOME: undefined })
    expect(roots.pyenv).toEqual([])
    expect(roots.nvm).toEqual([])
    expect(roots.fnm).toEqual([])
  })

  it('takes explicit Homebrew prefixes instead of the defaults, without duplicates', () => {
    expect(managerRoots({ HOMEBREW_PREFIX: '/x' }, ['/a', '/b', '/a']).homebrew).toEqual(['/a', '/b'])
    expect(managerRoots({ HOMEBREW_PREFIX: '/usr/local' }).homebrew).toEqual([
      '/usr/local',
      '/opt/homebrew',
      '/home/linuxbrew/.linuxbrew'
    ])
  })
})

describe('managerShimDirs', () => {
  it('lists shims folders and volta’s bin', () => {
    const dirs = managerShimDirs(managerRoots({ HOME: '/h', VOLTA_HOME: '/opt/volta' }))
    expect(dirs).toEqual(['/h/.pyenv/shims', '/h/.asdf/shims', '/h/.local/share/mise/shims', '/opt/volta/bin'])
  })
})
