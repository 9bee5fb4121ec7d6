import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeMachine } from './fake-machine'
import { readEachDirOnce } from './read-dir-names'

let machine: FakeMachine

beforeEach(() => {
  machine = FakeMachine.create()
})
afterEach(() => {
  machine.dispose()
})

describe('readEachDirOnce', () => {
  it('reads a folder once however it is reached, like /bin and /usr/bin on a merged-/usr system', () => {
    machine.python('usr/bin/python3.12', '3.12.4')
    machine.node('usr/bin/node', '20.11.1')
    machine.symlink('bin', 'usr/bin')
    const readDir = readEachDirOnce()

    expect(readDir(machine.path('usr/bin'))).toEqual(['node', 'python3.12'])
    // Added after the first read: a second read of the same folder, by any name, would list it.
    machine.python('usr/bin/python3.13', '3.13.1')
    expect(readDir(machine.path('bin'))).toEqual(['node', 'python3.12'])
    expect(readDir(machine.path('usr/bin/'))).toEqual(['node', 'python3.12'])
    expect(readEachDirOnce()(machine.path('bin'))).toEqual(['node', 'python3.12', 'python3.13'])
  })

  it('reads different folders apart, and a missing one as empty', () => {
    machine.python('a/python3', '3.12.4')
    machine.node('b/node', '20.11.1')
    const readDir = readEachDirOnce()
    expect([readDir(machine.path('a')), readDir(machine.path('b')), readDir(machine.path('missing'))]).toEqual([['python3'], ['node'], []])
  })
})
