import { describe, expect, it } from 'vitest'
import { aliasesContain, aliasesMatchFilter, normalizeRuntimeName, parseRuntimeFilter, runtimeBaseName } from './runtime-filter'

describe('aliasesMatchFilter (spec scenario 11)', () => {
  it.each([
    [['python', 'python3'], ['python', 'shell'], true],
    [['python', 'python3'], ['node', 'ruby'], false],
    [['node.js'], ['node'], true],
    [['python3'], ['python'], true],
    [['Python'], ['python'], true],
    [['python'], ['PYTHON3'], true],
    [[], ['python'], false],
    [['python'], [], false]
  ])('%j vs filter %j → %s', (aliases, filter, expected) => {
    expect(aliasesMatchFilter(aliases, filter)).toBe(expected)
  })
})

describe('aliasesContain (spec scenario 12)', () => {
  it('[nodejs] contains node and node.js', () => {
    expect(aliasesContain(['nodejs'], 'node')).toBe(true)
    expect(aliasesContain(['nodejs'], 'node.js')).toBe(true)
  })

  it.each(['ruby', 'rb', 'Ruby', 'RB'])('[ruby, rb] contains %s', (name) => {
    expect(aliasesContain(['ruby', 'rb'], name)).toBe(true)
  })

  it('[ruby, rb] does not contain python', () => {
    expect(aliasesContain(['ruby', 'rb'], 'python')).toBe(false)
  })
})

describe('parseRuntimeFilter (spec scenario 14)', () => {
  it.each([
    ['shell,Python, Node', ['shell', 'python', 'node']],
    ['  shell , , python  ', ['shell', 'python']],
    ['', []]
  ])('%j → %j', (value, expected) => {
    expect(parseRuntimeFilter(value)).toEqual(expected)
  })

  it('is null when the variable is unset, which is not the same as set but empty', () => {
    expect(parseRuntimeFilter(undefined)).toBeNull()
  })
})

describe('normalizeRuntimeName', () => {
  it.each([
    ['node', 'node'], ['NodeJS', 'node'], [' node.js ', 'node'],
    ['python3', 'python'], ['bash', 'shell'], ['sh', 'shell'],
    ['builtin', 'native'], ['standalone', 'native'], ['rb', 'ruby'], ['golang', 'go'],
    ['openjdk', 'java'], ['perl5', 'perl'], ['Rscript', 'r'], ['Elixir', 'elixir']
  ])('%j → %j', (name, expected) => {
    expect(normalizeRuntimeName(name)).toBe(expected)
  })
})

describe('runtimeBaseName', () => {
  it('is the last segment of the ref, lower-cased (spec §3.2)', () => {
    expect(runtimeBaseName('core.nodejs')).toBe('nodejs')
    expect(runtimeBaseName('mypack.tools.Python')).toBe('python')
    expect(runtimeBaseName('python')).toBe('python')
  })
})
