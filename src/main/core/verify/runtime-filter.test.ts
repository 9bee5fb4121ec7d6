import { describe, expect, it } from 'vitest'
import { aliasesContain, aliasesMatchFilter, normalizeRuntimeName, parseRuntimeFilter, runtimeBaseName, unclaimedByFilter } from './runtime-filter'

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
    ['openjdk', 'java'], ['perl5', 'perl'], ['Rscript', 'r'], ['Elixir', 'elixir'],
    // runtime_detection.rs: Rust `trim` (U+0085 yes, U+FEFF no) and `to_ascii_lowercase` (Ä stays Ä).
    ['\u0085Bash\u3000', 'shell'], ['\ufeffbash', '\ufeffbash'], ['PYTHÄ', 'pythÄ']
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

describe('unclaimedByFilter (service.rs runtime registry, env_setup.rs process_runtime_for_pack)', () => {
  const shell = { ref: 'core.shell', aliases: ['shell', 'bash', 'sh'] }

  it('claims everything without a filter', () => {
    expect(unclaimedByFilter(shell, null)).toBeNull()
  })

  it('claims a runtime whose aliases match, alias-aware', () => {
    expect(unclaimedByFilter(shell, ['python', 'BASH'])).toBeNull()
    expect(unclaimedByFilter({ ref: 'core.nodejs', aliases: ['nodejs'] }, ['node'])).toBeNull()
  })

  it('names the filter and the runtime when it does not claim it', () => {
    expect(unclaimedByFilter(shell, ['python'])).toBe(
      'ATTUNE_WORKER_RUNTIMES=python does not include core.shell (its aliases shell, bash, sh), so a worker with this filter does not claim it'
    )
    expect(unclaimedByFilter(shell, [])).toContain('ATTUNE_WORKER_RUNTIMES= does not include core.shell')
    expect(unclaimedByFilter({ ref: 'p.tool', aliases: [] }, ['tool'])).toContain('it has no aliases')
  })
})
