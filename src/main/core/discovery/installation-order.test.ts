import { describe, it, expect } from 'vitest'
import type { Installation } from './installation'
import { compareInstallations } from './installation-order'

function installation(fields: Pick<Installation, 'family' | 'version' | 'source' | 'path'>): Installation {
  return { ...fields, realPath: fields.path, detail: '' }
}

describe('compareInstallations', () => {
  it('orders by family, version descending, then source', () => {
    const ordered = [
      installation({ family: 'python', version: '3.13.0', source: 'uv', path: '/u/python3.13' }),
      installation({ family: 'python', version: '3.13.0-rc.1', source: 'path', path: '/a/python3.13' }),
      installation({ family: 'python', version: '3.12.10', source: 'path', path: '/b/python3' }),
      installation({ family: 'python', version: '3.12.10', source: 'pyenv', path: '/a/python3.12' }),
      installation({ family: 'python', version: '3.12.9', source: 'path', path: '/a/python3.12' }),
      installation({ family: 'python', version: '2.7.18', source: 'system', path: '/usr/bin/python2.7' }),
      installation({ family: 'node', version: '22.0.0', source: 'homebrew', path: '/opt/node' }),
      installation({ family: 'node', version: '20.11.1', source: 'nvm', path: '/n/node' }),
      installation({ family: 'node', version: '20.11.1', source: 'fnm', path: '/f/node' })
    ]
    const shuffled = [5, 8, 0, 7, 2, 4, 1, 6, 3].map((index) => ordered[index] as Installation)
    expect([...shuffled].sort(compareInstallations)).toEqual(ordered)
  })

  it('keeps scan order between equal versions from the same source, so the first PATH entry wins', () => {
    const first = installation({ family: 'node', version: '20.20.2', source: 'path', path: '/usr/bin/node' })
    const second = installation({ family: 'node', version: '20.20.2', source: 'path', path: '/bin/node' })
    expect([first, second].sort(compareInstallations)).toEqual([first, second])
  })
})
