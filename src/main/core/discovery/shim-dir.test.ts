import { describe, it, expect } from 'vitest'
import { isShimDir } from './shim-dir'

describe('isShimDir', () => {
  it.each([
    ['/home/u/.pyenv/shims', true],
    ['/home/u/.pyenv/shims/', true],
    ['/home/u/.pyenv/plugins/pyenv-virtualenv/shims', true],
    ['/home/u/.asdf/shims', true],
    ['/home/u/.local/share/mise/shims', true],
    ['/home/u/.rbenv/shims', true],
    ['/home/u/.volta/bin', true],
    ['C:\\Users\\u\\AppData\\Local\\Volta\\bin', true],
    ['C:\\Users\\u\\scoop\\shims', true],
    ['C:\\ProgramData\\chocolatey\\bin', true],
    ['C:\\Users\\u\\AppData\\Local\\Microsoft\\WindowsApps', true],
    ['/home/u/.pyenv/versions/3.12.1/bin', false],
    ['/home/u/.pyenv/bin', false],
    ['/home/u/.volta/tools/image/node/20.11.1/bin', false],
    ['/home/u/.nvm/versions/node/v20.11.1/bin', false],
    ['/home/u/shimsfoo', false],
    ['/usr/bin', false],
    ['/bin', false],
    ['', false]
  ])('%s → %s', (dir, expected) => {
    expect(isShimDir(dir)).toBe(expected)
  })
})
