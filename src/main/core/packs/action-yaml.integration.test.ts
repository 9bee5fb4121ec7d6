import { chmodSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ActionDefinition, PackProblem } from '../../../shared/domain/pack'
import { createTestPack, type TestPack } from './pack-loader-fixture'

let pack: TestPack

beforeEach(() => {
  pack = createTestPack()
  chmodSync(pack.write('actions/run.sh', '#!/bin/sh\necho hi\n'), 0o755)
  pack.write('actions/main.py', 'print("hi")\n')
})
afterEach(() => pack.dispose())

/** Write `actions/<name>.yaml` and load the pack: the one action (or undefined) and every problem. */
function loadAction(yaml: string, name = 'a'): { action: ActionDefinition | undefined; problems: PackProblem[] } {
  pack.write(`actions/${name}.yaml`, yaml)
  const loaded = pack.load()
  return { action: loaded.actions.find((a) => a.file === pack.path('actions', `${name}.yaml`)), problems: loaded.problems }
}

function only(problems: readonly PackProblem[]): Pick<PackProblem, 'field' | 'line' | 'severity' | 'message'> {
  expect(problems).toHaveLength(1)
  const [problem] = problems
  if (!problem) throw new Error('no problem')
  expect(problem.file).toBe(pack.path('actions', 'a.yaml'))
  return { field: problem.field, line: problem.line, severity: problem.severity, message: problem.message }
}

describe('an action file', () => {
  it('reads every field, with the documented defaults', () => {
    const { action, problems } = loadAction('ref: demo.hello\nentry_point: run.sh\n')
    expect(problems).toEqual([])
    expect(action).toEqual({
      ref: 'demo.hello',
      name: 'hello',
      label: null,
      description: null,
      file: pack.path('actions', 'a.yaml'),
      entryPoint: 'run.sh',
      entryPath: pack.path('actions', 'run.sh'),
      entryPointError: null,
      workflowFile: null,
      runnerType: 'shell',
      runtimeRef: 'core.shell',
      runtimeVersion: null,
      requiredWorkerRuntimes: {},
      parameters: {},
      output: null,
      parameterDelivery: 'stdin',
      parameterFormat: 'json',
      outputFormat: 'text',
      timeoutSeconds: null,
      enabled: true
    })
  })

  it('reads a full action, lower-casing delivery and formats', () => {
    const { action, problems } = loadAction(
      [
        'ref: demo.full',
        'label: Full',
        'description: Everything',
        'runner_type: Python3',
        'entry_point: main.py',
        'runtime_version: ">=3.12, <3.14"',
        'required_worker_runtimes: {node: ">=20", python: "*"}',
        'parameters:',
        '  count: {type: integer, default: 2, required: true}',
        'output:',
        '  total: {type: integer}',
        'parameter_delivery: FILE',
        'parameter_format: YAML',
        'output_format: JSONL',
        'timeout_seconds: 30',
        'enabled: false'
      ].join('\n')
    )
    expect(problems).toEqual([])
    expect(action).toMatchObject({
      label: 'Full',
      description: 'Everything',
      runnerType: 'Python3',
      runtimeRef: 'core.python',
      runtimeVersion: '>=3.12, <3.14',
      requiredWorkerRuntimes: { node: '>=20', python: '*' },
      parameters: { count: { type: 'integer', default: 2, required: true } },
      output: { total: { type: 'integer' } },
      parameterDelivery: 'file',
      parameterFormat: 'yaml',
      outputFormat: 'jsonl',
      timeoutSeconds: 30,
      enabled: false
    })
  })
})

describe('ref', () => {
  it('a bare name becomes pack.name with a warning', () => {
    const { action, problems } = loadAction('ref: hello\nentry_point: run.sh\n')
    expect(action?.ref).toBe('demo.hello')
    expect(only(problems)).toEqual({ field: 'ref', line: 1, severity: 'warning', message: "'hello' has no pack part and is read as 'demo.hello'; write the full ref" })
  })

  it.each([
    ['other.hello', "'other.hello' belongs to pack 'other', but this is pack 'demo': write 'demo.hello'; the action is skipped"],
    ['demo.Hello', "'demo.Hello' must be lower-case (Attune stores refs in lower case): write 'demo.hello'; the action is skipped"],
    ['demo.a.b', "'demo.a.b' has more than one dot; an action ref is '<pack>.<name>', such as 'demo.hello'; the action is skipped"],
    ['demo.', "'demo.' needs a name of lower-case letters, digits, '_' and '-' after the pack, such as 'demo.hello'; the action is skipped"]
  ])('%s is an error and the action is skipped', (ref, message) => {
    const { action, problems } = loadAction(`entry_point: run.sh\nref: "${ref}"\n`)
    expect(action).toBeUndefined()
    expect(only(problems)).toEqual({ field: 'ref', line: 2, severity: 'error', message })
  })

  it('a missing ref skips the action', () => {
    const { action, problems } = loadAction('entry_point: run.sh\n')
    expect(action).toBeUndefined()
    expect(only(problems)).toMatchObject({ field: 'ref', severity: 'error', message: "is required (text such as 'demo.hello'), found nothing; the action is skipped" })
  })

  it('a duplicate ref: the first file wins, the second is an error naming both files', () => {
    pack.write('actions/a.yaml', 'ref: demo.hello\nentry_point: run.sh\n')
    pack.write('actions/b.yml', 'description: again\nref: hello\nentry_point: main.py\n')
    const loaded = pack.load()
    expect(loaded.actions.map((a) => [a.ref, a.file])).toEqual([['demo.hello', pack.path('actions', 'a.yaml')]])
    expect(loaded.problems).toContainEqual({
      file: pack.path('actions', 'b.yml'),
      field: 'ref',
      line: 2,
      severity: 'error',
      message: `'demo.hello' is already defined in ${pack.path('actions', 'a.yaml')}; this file is skipped (the first definition wins)`
    })
  })
})

describe('entry_point', () => {
  it('is required, and the action is still listed', () => {
    const { action, problems } = loadAction('ref: demo.a\nentrypoint: run.sh\n')
    expect(action).toMatchObject({ entryPoint: '', entryPath: null, runtimeRef: 'core.shell' })
    expect(only(problems)).toEqual({
      field: 'entry_point',
      line: null,
      severity: 'error',
      message: "is required: the script to run, relative to the pack's actions/ folder (found 'entrypoint': the key is 'entry_point')"
    })
  })

  it('must exist; for shell the message says a worker would run the text inline', () => {
    const { action, problems } = loadAction('ref: demo.a\nentry_point: echo hello\n')
    expect(action).toMatchObject({ entryPoint: 'echo hello', entryPath: null })
    expect(only(problems)).toEqual({
      field: 'entry_point',
      line: 2,
      severity: 'error',
      message: `'echo hello' does not exist (looked for ${pack.path('actions', 'echo hello')}); a worker would run this text as an inline shell command, the workbench runs only script files`
    })
    const python = loadAction('ref: demo.a\nrunner_type: python\nentry_point: nope.py\n')
    expect(python.problems[0]?.message).toBe(`'nope.py' does not exist (looked for ${pack.path('actions', 'nope.py')})`)
  })

  it('may be in a sub-folder of actions/', () => {
    pack.write('actions/scripts/deep.sh', 'echo deep\n')
    const { action, problems } = loadAction('ref: demo.a\nentry_point: scripts/deep.sh\n')
    expect(problems).toEqual([])
    expect(action?.entryPath).toBe(pack.path('actions', 'scripts', 'deep.sh'))
  })

  it.each([
    ['../x.sh', `'../x.sh' leaves the actions/ folder; an entry point is a file under `],
    ['../../outside.sh', `'../../outside.sh' leaves the actions/ folder; an entry point is a file under `],
    ['/etc/passwd', "'/etc/passwd' is an absolute path; an entry point is a file inside the pack, relative to its actions/ folder"],
    ['C:\\\\tools\\\\x.bat', "'C:\\tools\\x.bat' is an absolute path"]
  ])('%s is rejected and the action is still listed', (entry, message) => {
    pack.write('x.sh', 'echo escaped\n')
    const { action, problems } = loadAction(`ref: demo.a\nentry_point: "${entry}"\n`)
    expect(action).toMatchObject({ ref: 'demo.a', entryPath: null, runtimeRef: 'core.shell' })
    expect(only(problems)).toMatchObject({ field: 'entry_point', line: 2, severity: 'error', message: expect.stringContaining(message) })
  })

  it('a symlink whose target leaves the pack is rejected', () => {
    mkdirSync(pack.temp.path('elsewhere'))
    const outside = join(realpathSync(pack.temp.path('elsewhere')), 'outside.sh')
    writeFileSync(outside, 'echo out\n')
    pack.link('actions/link.sh', outside)
    const { action, problems } = loadAction('ref: demo.a\nentry_point: link.sh\n')
    expect(action).toMatchObject({ entryPoint: 'link.sh', entryPath: null })
    expect(only(problems)).toEqual({
      field: 'entry_point',
      line: 2,
      severity: 'error',
      message: `'link.sh' is a symbolic link to ${outside}, outside the pack folder; packs must be self-contained`
    })
  })

  it('a symlink to a file elsewhere in the pack is fine (the path stays the lexical one)', () => {
    pack.write('scripts/shared.sh', 'echo shared\n')
    pack.link('actions/link.sh', '../scripts/shared.sh')
    const { action, problems } = loadAction('ref: demo.a\nentry_point: link.sh\n')
    expect(problems).toEqual([])
    expect(action?.entryPath).toBe(pack.path('actions', 'link.sh'))
  })

  it('a symlink loop, a dangling symlink and a folder are rejected', () => {
    pack.link('actions/loop.sh', 'loop.sh')
    pack.link('actions/dangling.sh', 'missing.sh')
    mkdirSync(pack.path('actions', 'folder.sh'))
    const cases = [
      ['loop.sh', "'loop.sh' is a symbolic link loop (following it never reaches a file)"],
      ['dangling.sh', "'dangling.sh' is a symbolic link to something that does not exist"],
      ['folder.sh', `'folder.sh' is not a file (${pack.path('actions', 'folder.sh')})`]
    ]
    for (const [entry, message] of cases) {
      const { action, problems } = loadAction(`ref: demo.a\nentry_point: ${entry}\n`)
      expect(action?.entryPath).toBeNull()
      expect(only(problems).message).toContain(message)
    }
  })
})

describe('native entry points', () => {
  it.skipIf(process.platform === 'win32')('need an exec bit (spec §5.13)', () => {
    pack.write('actions/tool', '#!/bin/sh\necho tool\n')
    const { action, problems } = loadAction('ref: demo.a\nrunner_type: native\nentry_point: tool\n')
    expect(action).toMatchObject({ runtimeRef: 'core.native', entryPath: null })
    expect(only(problems).message).toBe("'tool' is not executable; the native runtime runs the file itself, so it needs an exec bit (chmod +x)")
    chmodSync(pack.path('actions', 'tool'), 0o755)
    expect(loadAction('ref: demo.a\nrunner_type: native\nentry_point: tool\n')).toMatchObject({ action: { entryPath: pack.path('actions', 'tool') }, problems: [] })
  })
})

describe('runner_type', () => {
  it.each([
    ['bash', 'core.shell'],
    ['sh', 'core.shell'],
    ['python', 'core.python'],
    ['node.js', 'core.nodejs'],
    ['standalone', 'core.native'],
    ['core.python', 'core.python'],
    ['Node.js', 'core.nodejs'],
    // The platform catalog's other runtimes resolve by name (platform_catalog/runtimes/*.yaml).
    ['ruby', 'core.ruby'],
    ['Perl', 'core.perl'],
    ['go', 'core.go'],
    ['java', 'core.java'],
    ['R', 'core.r'],
    ['core.ruby', 'core.ruby']
  ])('%s resolves to %s', (runnerType, ref) => {
    const { action, problems } = loadAction(`ref: demo.a\nentry_point: run.sh\nrunner_type: ${runnerType}\n`)
    expect(problems).toEqual([])
    expect(action).toMatchObject({ runnerType, runtimeRef: ref })
  })

  it('an unknown value is an error naming it and what is accepted; runtimeRef is null', () => {
    const { action, problems } = loadAction('ref: demo.a\nentry_point: run.sh\nrunner_type: cobol\n')
    expect(action).toMatchObject({ runnerType: 'cobol', runtimeRef: null, entryPath: pack.path('actions', 'run.sh') })
    expect(only(problems)).toEqual({
      field: 'runner_type',
      line: 3,
      severity: 'error',
      message:
        "'cobol' does not match any runtime: use one of shell, bash, sh, python, python3, node, nodejs, node.js, native, builtin, standalone, or a runtime's ref or name; known runtimes: core.go, core.java, core.native, core.nodejs, core.perl, core.python, core.r, core.ruby, core.shell"
    })
  })

  it("finds the pack's own runtime by ref or name", () => {
    pack.write('runtimes/deno.yaml', 'ref: demo.deno\nname: Deno\nexecution_config:\n  interpreter: {binary: deno, args: [run], file_extension: .ts}\n')
    const byName = loadAction('ref: demo.a\nentry_point: run.sh\nrunner_type: deno\n', 'a')
    const byRef = loadAction('ref: demo.b\nentry_point: run.sh\nrunner_type: demo.deno\n', 'b')
    expect(byName.problems).toEqual([])
    expect(byName.action?.runtimeRef).toBe('demo.deno')
    expect(byRef.action?.runtimeRef).toBe('demo.deno')
  })
})

describe('workflow actions', () => {
  it('are listed with a warning and no runtime', () => {
    const { action, problems } = loadAction('ref: demo.flow\nworkflow_file: workflows/flow.yaml\nparameters:\n  x: {type: string}\n')
    expect(action).toMatchObject({ ref: 'demo.flow', workflowFile: 'workflows/flow.yaml', entryPoint: 'workflows/flow.yaml', entryPath: null, runtimeRef: null })
    expect(action?.parameters).toEqual({ x: { type: 'string' } })
    expect(only(problems)).toMatchObject({ field: 'workflow_file', line: 2, severity: 'warning', message: expect.stringContaining('does not run workflows') })
  })
})
