import { describe, it, expect } from 'vitest'
import { familyOfExecutable, nodeExecutableName, pickPythonExecutable } from './interpreter-names'

describe('familyOfExecutable', () => {
  it.each([
    ['python', 'linux', 'python'],
    ['python3', 'linux', 'python'],
    ['python3.12', 'darwin', 'python'],
    ['python2.7', 'linux', 'python'],
    ['python3.12-config', 'linux', null],
    ['python3.12m', 'linux', null],
    ['pythonw', 'linux', null],
    ['python.exe', 'linux', null],
    ['node', 'linux', 'node'],
    ['nodejs', 'linux', 'node'],
    ['node20', 'linux', 'node'],
    ['node-gyp', 'linux', null],
    ['nodeenv', 'linux', null],
    ['npm', 'linux', null],
    ['python.exe', 'win32', 'python'],
    ['Python3.EXE', 'win32', 'python'],
    ['node.exe', 'win32', 'node'],
    ['node', 'win32', null],
    ['python3', 'win32', null]
  ] as const)('%s on %s → %s', (name, platform, expected) => {
    expect(familyOfExecutable(name, platform)).toBe(expected)
  })
})

describe('pickPythonExecutable', () => {
  it.each([
    [['python', 'python3', 'python3.12', 'python3.12-config', 'pip3'], 'python3.12'],
    [['python3.9', 'python3.12', 'python3.10'], 'python3.12'],
    [['pypy3', 'python3', 'python'], 'python3'],
    [['python'], 'python'],
    [['pip', 'python3.12-config'], null],
    [[], null]
  ])('%j → %s', (names, expected) => {
    expect(pickPythonExecutable(names, 'linux')).toBe(expected)
  })

  it('keeps the .exe name on win32', () => {
    expect(pickPythonExecutable(['python.exe', 'pythonw.exe'], 'win32')).toBe('python.exe')
  })
})

describe('nodeExecutableName', () => {
  it('adds .exe only on win32', () => {
    expect(nodeExecutableName('linux')).toBe('node')
    expect(nodeExecutableName('win32')).toBe('node.exe')
  })
})
