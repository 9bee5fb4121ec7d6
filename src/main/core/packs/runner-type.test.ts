import { describe, expect, it } from 'vitest'
import { builtInRunnerRef, createRunnerResolver, describeAcceptedRunnerTypes, withPackRuntimes } from './runner-type'

describe('builtInRunnerRef (spec §1.12)', () => {
  it.each([
    ['shell', 'core.shell'],
    ['bash', 'core.shell'],
    ['sh', 'core.shell'],
    ['python', 'core.python'],
    ['python3', 'core.python'],
    ['node', 'core.nodejs'],
    ['nodejs', 'core.nodejs'],
    ['node.js', 'core.nodejs'],
    ['native', 'core.native'],
    ['builtin', 'core.native'],
    ['standalone', 'core.native'],
    ['Python', 'core.python'],
    ['NODE.JS', 'core.nodejs']
  ])('%s → %s', (runnerType, ref) => {
    expect(builtInRunnerRef(runnerType)).toBe(ref)
  })

  it.each(['ruby', 'python2', 'core.python', '', 'constructor', 'toString'])('%s has no built-in mapping', (runnerType) => {
    expect(builtInRunnerRef(runnerType)).toBeNull()
  })
})

describe('createRunnerResolver', () => {
  const runners = createRunnerResolver([
    { ref: 'core.python', name: 'Python' },
    { ref: 'core.shell', name: 'Shell' },
    { ref: 'tools.ruby', name: 'Ruby' }
  ])

  it('maps built-ins first, then a literal ref, then a case-insensitive name', () => {
    expect(runners.resolve('python3')).toBe('core.python')
    expect(runners.resolve('tools.ruby')).toBe('tools.ruby')
    expect(runners.resolve('TOOLS.RUBY')).toBe('tools.ruby')
    expect(runners.resolve('ruby')).toBe('tools.ruby')
    expect(runners.resolve('RuBy')).toBe('tools.ruby')
  })

  it('returns null when nothing matches, including a built-in whose runtime is not known', () => {
    expect(runners.resolve('perl')).toBeNull()
    expect(runners.resolve('node')).toBeNull()
  })

  it('lists the refs it knows, sorted', () => {
    expect(runners.knownRuntimeRefs?.()).toEqual(['core.python', 'core.shell', 'tools.ruby'])
  })
})

describe('withPackRuntimes', () => {
  it("also finds the pack's own runtimes by ref or name, after the caller's resolver", () => {
    const core = createRunnerResolver([{ ref: 'core.python', name: 'Python' }])
    const runners = withPackRuntimes(core, [{ ref: 'demo.deno', name: 'Deno' }])
    expect(runners.resolve('python')).toBe('core.python')
    expect(runners.resolve('demo.deno')).toBe('demo.deno')
    expect(runners.resolve('deno')).toBe('demo.deno')
    expect(runners.resolve('perl')).toBeNull()
    expect(runners.knownRuntimeRefs?.()).toEqual(['core.python', 'demo.deno'])
  })

  it('works with a resolver that cannot list its runtimes', () => {
    const runners = withPackRuntimes({ resolve: () => null }, [{ ref: 'demo.deno', name: 'Deno' }])
    expect(runners.resolve('Deno')).toBe('demo.deno')
    expect(describeAcceptedRunnerTypes(runners)).toContain('known runtimes: demo.deno')
  })
})

describe('describeAcceptedRunnerTypes', () => {
  it('names every built-in value, and the known runtimes when the resolver can list them', () => {
    const text = describeAcceptedRunnerTypes(createRunnerResolver([{ ref: 'core.shell', name: 'Shell' }]))
    expect(text).toBe(
      "use one of shell, bash, sh, python, python3, node, nodejs, node.js, native, builtin, standalone, or a runtime's ref or name; known runtimes: core.shell"
    )
    expect(describeAcceptedRunnerTypes({ resolve: () => null })).not.toContain('known runtimes')
  })
})
