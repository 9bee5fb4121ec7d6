import { describe, it, expect } from 'vitest'
import { commandLine, commandSummary, inlinePlan, resolveActionSource, type SourceInputs } from './plan'

const inputs = (overrides: Partial<SourceInputs>): SourceInputs => ({
  packDir: '/packs/demo',
  entryPoint: 'greet.sh',
  codePath: null,
  code: null,
  runtimeName: 'shell',
  ...overrides
})

describe('resolveActionSource (spec §5.2, §5.4)', () => {
  const none = (): boolean => false
  const only = (path: string) => (candidate: string) => candidate === path

  it('prefers the given file, then inline code', () => {
    expect(resolveActionSource(inputs({ codePath: '/x.sh', code: 'echo' }), none)).toEqual({ kind: 'file', path: '/x.sh' })
    expect(resolveActionSource(inputs({ code: 'echo hi' }), none)).toEqual({ kind: 'inline', code: 'echo hi' })
  })

  it('scenario 26: falls back to actions/<entry_point> when it exists', () => {
    expect(resolveActionSource(inputs({}), only('/packs/demo/actions/greet.sh'))).toEqual({ kind: 'file', path: '/packs/demo/actions/greet.sh' })
  })

  it('never falls back to a file outside actions/ (issue 9 finding 6)', () => {
    const any = (): boolean => true
    expect(resolveActionSource(inputs({ entryPoint: '../../../../etc/passwd', runtimeName: 'python' }), any)).toBeNull()
    expect(resolveActionSource(inputs({ entryPoint: '../pack.yaml', runtimeName: 'python' }), any)).toBeNull()
  })

  it('runs a shell entry point without a file as inline code', () => {
    expect(resolveActionSource(inputs({ entryPoint: 'echo "hi $name"' }), none)).toEqual({ kind: 'inline', code: 'echo "hi $name"' })
    expect(resolveActionSource(inputs({ entryPoint: 'echo', runtimeName: 'Shell' }), none)?.kind).toBe('inline')
  })

  it('finds nothing for another runtime without a file', () => {
    expect(resolveActionSource(inputs({ entryPoint: 'main.py', runtimeName: 'python' }), none)).toBeNull()
    expect(resolveActionSource(inputs({ entryPoint: ' ', runtimeName: 'shell' }), none)).toBeNull()
  })
})

describe('inlinePlan', () => {
  it('defaults to direct, adds the dot, and applies helpers only with temp_file', () => {
    expect(inlinePlan({})).toEqual({ strategy: 'direct', extension: '', injectShellHelpers: false })
    expect(inlinePlan({ inline_execution: { strategy: 'temp_file', extension: 'sh', inject_shell_helpers: true } })).toEqual({
      strategy: 'temp_file',
      extension: '.sh',
      injectShellHelpers: true
    })
    expect(inlinePlan({ inline_execution: { inject_shell_helpers: true } }).injectShellHelpers).toBe(false)
  })
})

describe('commandLine and commandSummary (spec §5.4, scenario 29)', () => {
  it('runs a file as <interpreter> <args…> <file>', () => {
    expect(commandLine('/usr/bin/python3', ['-u'], { path: '/p/a.py' })).toEqual({ executable: '/usr/bin/python3', args: ['-u', '/p/a.py'] })
  })

  it('runs direct inline code with -c and no interpreter args', () => {
    expect(commandLine('/usr/bin/python3', ['-u'], { inlineCode: 'print(1)' })).toEqual({ executable: '/usr/bin/python3', args: ['-c', 'print(1)'] })
  })

  it('runs a native file itself, and refuses inline code without an interpreter', () => {
    expect(commandLine(null, [], { path: '/p/bin/tool' })).toEqual({ executable: '/p/bin/tool', args: [] })
    expect(() => commandLine(null, [], { inlineCode: 'x' })).toThrow('inline code needs an interpreter')
  })

  it('summarises with names and counts only', () => {
    const summary = commandSummary({ executable: '/opt/py/bin/python3', args: ['-u', '/secret/path.py'] }, 7)
    expect(summary).toBe('executable=python3, argument_count=2, environment_override_count=7')
    expect(summary).not.toContain('/secret')
  })
})
