import { describe, it, expect } from 'vitest'
import { compareVersions } from '../versions'
import { parseInterpreterVersion } from './parse-interpreter-version'

describe('parseInterpreterVersion', () => {
  it.each([
    ['Python 3.12.1', '3.12.1'],
    ['Python 3.12.1\n', '3.12.1'],
    ['Python 3.12.1\r\n', '3.12.1'],
    ['Python 2.7.18', '2.7.18'],
    ['Python 3.13.0rc1', '3.13.0-rc.1'],
    ['Python 3.14.0a1', '3.14.0-alpha.1'],
    ['Python 3.13.0b2', '3.13.0-beta.2'],
    ['Python 3.12.1+', '3.12.1'],
    ['Python 3.14.0a1+', '3.14.0-alpha.1'],
    ['Python 3.10.14 (75b3de9d9a4e, Aug 2024, 10:00:00)\n[PyPy 7.3.17 with GCC 10.2.1]', '3.10.14'],
    ['Could not find platform independent libraries <prefix>\nPython 3.11.9', '3.11.9'],
    ['Python 3.12', null],
    ['Python 3.012.1', null],
    ['python 3.12.1', null],
    ['Python 3.12.1rc', null],
    ['v20.20.2', null],
    ['', null],
    ['pyenv: python3.11: command not found', null]
  ])('python %j → %j', (output, expected) => {
    expect(parseInterpreterVersion('python', output)).toBe(expected)
  })

  it.each([
    ['v20.20.2', '20.20.2'],
    ['v20.11.1\n', '20.11.1'],
    ['v22.0.0-nightly20240101abcdef', '22.0.0-nightly20240101abcdef'],
    ['v21.0.0-rc.1', '21.0.0-rc.1'],
    ['v20.11.1+build.7', '20.11.1'],
    ['(node:1) Warning: something\nv18.19.0', '18.19.0'],
    ['20.11.1', null],
    ['v20.11', null],
    ['v20.11.1 extra', null],
    ['Python 3.12.1', null],
    ['', null]
  ])('node %j → %j', (output, expected) => {
    expect(parseInterpreterVersion('node', output)).toBe(expected)
  })

  it('orders Python pre-releases below the final release under semver precedence', () => {
    const versions = ['Python 3.13.0', 'Python 3.13.0rc1', 'Python 3.13.0a2', 'Python 3.13.0b1'].map(
      (output) => parseInterpreterVersion('python', output) as string
    )
    expect([...versions].sort(compareVersions)).toEqual(['3.13.0-alpha.2', '3.13.0-beta.1', '3.13.0-rc.1', '3.13.0'])
  })
})
