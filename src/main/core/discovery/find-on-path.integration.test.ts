import { relative } from 'node:path'
import { afterEach, beforeEach, describe, it, expect } from 'vitest'
import { FakeMachine } from './fake-machine'
import { findOnPathSync, isExecutableFileSync } from './find-on-path'

let machine: FakeMachine

beforeEach(() => {
  machine = FakeMachine.create()
})
afterEach(() => {
  machine.dispose()
})

function pathOf(...dirs: string[]): string {
  return dirs.map((dir) => machine.path(dir)).join(':')
}

describe('findOnPathSync', () => {
  it('returns the first executable in PATH order', () => {
    machine.python('a/python3', '3.11.0')
    const second = machine.python('b/python3', '3.12.0')
    machine.python('c/python3', '3.13.0')
    expect(findOnPathSync('python3', pathOf('missing', 'b', 'c'))).toBe(second)
  })

  it('passes over non-executable files, folders and dangling links', () => {
    machine.file('a/python3', 'not a program', 0o644)
    machine.dir('b/python3')
    machine.symlink('c/python3', 'gone')
    const real = machine.python('d/python3', '3.12.0')
    expect(findOnPathSync('python3', pathOf('a', 'b', 'c', 'd'))).toBe(real)
  })

  it('returns a symlink as found, not its target', () => {
    machine.python('real/python3.12', '3.12.0')
    const link = machine.symlink('bin/python3', machine.path('real/python3.12'))
    expect(findOnPathSync('python3', pathOf('bin'))).toBe(link)
  })

  it('skips shim folders only when asked', () => {
    const shim = machine.executable('home/.pyenv/shims/python3', { exitCode: 127 })
    const real = machine.python('usr/bin/python3', '3.12.0')
    const path = pathOf('home/.pyenv/shims', 'usr/bin')
    expect(findOnPathSync('python3', path)).toBe(shim)
    expect(findOnPathSync('python3', path, { skipShims: true })).toBe(real)
    expect(findOnPathSync('python3', pathOf('home/.pyenv/shims'), { skipShims: true })).toBeNull()
  })

  it('ignores empty and relative PATH entries', () => {
    machine.python('rel/python3', '3.12.0')
    const relativeDir = relative(process.cwd(), machine.path('rel'))
    expect(findOnPathSync('python3', `::${relativeDir}:`)).toBeNull()
  })

  it('checks absolute and separator-containing commands directly', () => {
    const python = machine.python('x/python3', '3.12.0')
    const notExecutable = machine.file('x/data', 'text', 0o644)
    expect(findOnPathSync(python, '')).toBe(python)
    expect(findOnPathSync(relative(process.cwd(), python), '')).toBe(python)
    expect(findOnPathSync(notExecutable, pathOf('x'))).toBeNull()
    expect(findOnPathSync(machine.path('x/missing'), pathOf('x'))).toBeNull()
  })

  it('finds nothing for an empty command or unknown name', () => {
    machine.python('a/python3', '3.12.0')
    expect(findOnPathSync('', pathOf('a'))).toBeNull()
    expect(findOnPathSync('python9', pathOf('a'))).toBeNull()
  })
})

describe('isExecutableFileSync', () => {
  it('is true only for executable regular files', () => {
    expect(isExecutableFileSync(machine.python('a/python3', '3.12.0'))).toBe(true)
    expect(isExecutableFileSync(machine.file('a/plain', '', 0o644))).toBe(false)
    expect(isExecutableFileSync(machine.dir('a/folder'))).toBe(false)
    expect(isExecutableFileSync(machine.path('a/missing'))).toBe(false)
  })
})
