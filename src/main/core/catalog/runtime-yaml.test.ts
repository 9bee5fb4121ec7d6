import { describe, expect, it } from 'vitest'
import type { LoadProblem } from './problems'
import { readRuntimeYaml } from './runtime-yaml'

const FILE = '/runtimes/python.yaml'

function read(text: string) {
  const problems: LoadProblem[] = []
  const definition = readRuntimeYaml(FILE, text, problems)
  return { definition, problems }
}

function lines(...rows: string[]): string {
  return `${rows.join('\n')}\n`
}

describe('readRuntimeYaml: a valid file', () => {
  it('reads every top-level key and version entry', () => {
    const { definition, problems } = read(
      lines(
        'ref: mypack.python',
        'pack_ref: mypack',
        'name: Python',
        'aliases: [Python, " PY3 ", ""]',
        'description: My Python',
        'distributions: {min_version: "3.8"}',
        'installation: {portable: true}',
        'execution_config:',
        '  interpreter: {binary: python3, args: ["-u"], file_extension: .py}',
        'versions:',
        '  - version: " 3.12 "',
        '    is_default: true',
        '    execution_config: {interpreter: {binary: python3.12}}',
        '    distributions: {verification: {commands: [{binary: python3.12}]}}',
        '    meta: {eol: "2028-10"}',
        '  - version: "3.13"'
      )
    )
    expect(problems).toEqual([])
    expect(definition).toEqual({
      file: FILE,
      ref: 'mypack.python',
      refLine: 1,
      packRef: 'mypack',
      name: 'Python',
      description: 'My Python',
      aliases: ['python', 'py3'],
      distributions: { min_version: '3.8' },
      installation: { portable: true },
      executionConfig: { interpreter: { binary: 'python3', args: ['-u'], file_extension: '.py' } },
      versions: [
        {
          version: '3.12',
          isDefault: true,
          executionConfig: { interpreter: { binary: 'python3.12' } },
          distributions: { verification: { commands: [{ binary: 'python3.12' }] } },
          meta: { eol: '2028-10' }
        },
        { version: '3.13', isDefault: false, executionConfig: {}, distributions: {}, meta: {} }
      ]
    })
  })

  it('applies the defaults of spec §1.11: name from the last ref segment, empty lists and mappings', () => {
    const { definition, problems } = read('ref: " mypack.ruby "\n')
    expect(problems).toEqual([])
    expect(definition).toMatchObject({
      ref: 'mypack.ruby',
      name: 'ruby',
      packRef: null,
      description: null,
      aliases: [],
      distributions: {},
      installation: null,
      executionConfig: {},
      versions: []
    })
  })
})

describe('readRuntimeYaml: whole-file problems', () => {
  it('reports a YAML syntax error with its line and skips the file', () => {
    const { definition, problems } = read(lines('ref: a.b', 'versions:', '  - version: "1"', '   bad: [x'))
    expect(definition).toBeNull()
    expect(problems[0]).toMatchObject({ file: FILE, field: null, severity: 'error', line: 4 })
    expect(problems[0]?.message).toMatch(/^YAML syntax error/)
  })

  it.each([
    ['a list', '- ref: a.b\n', /must be a mapping with at least 'ref', found a list/, 1],
    ['text', 'just some text\n', /must be a mapping with at least 'ref', found the text 'just some text'/, 1],
    ['a number', '42\n', /found the number 42/, 1]
  ])('skips a file whose top level is %s', (_what, text, message, line) => {
    const { definition, problems } = read(text)
    expect(definition).toBeNull()
    expect(problems).toEqual([{ file: FILE, field: null, line, severity: 'error', message: expect.stringMatching(message) }])
  })

  it.each([['empty', ''], ['only whitespace', '\n\n  \n'], ['only comments', '# nothing here\n']])('skips an %s file, saying it is empty', (_what, text) => {
    const { definition, problems } = read(text)
    expect(definition).toBeNull()
    expect(problems).toEqual([{ file: FILE, field: null, line: null, severity: 'error', message: expect.stringMatching(/the file is empty/) }])
  })

  it.each([
    ['missing', 'name: Python\n', null, /is required .*found nothing; the file is skipped/],
    ['empty', 'ref: ""\n', 1, /is required/],
    ['not text', 'ref: [a, b]\n', 1, /is required .*found a list/],
    ['a number', 'ref: 12\n', 1, /found the number 12/]
  ])('skips a file whose ref is %s', (_what, text, line, message) => {
    const { definition, problems } = read(text)
    expect(definition).toBeNull()
    expect(problems).toEqual([{ file: FILE, field: 'ref', line, severity: 'error', message: expect.stringMatching(message) }])
  })

  it('skips a file whose ref is not lower-case', () => {
    const { definition, problems } = read('name: Python\nref: MyPack.Python\n')
    expect(definition).toBeNull()
    expect(problems).toEqual([
      { file: FILE, field: 'ref', line: 2, severity: 'error', message: expect.stringMatching(/'MyPack.Python' must be lower-case/) }
    ])
  })
})

describe('readRuntimeYaml: version entries', () => {
  it('skips an unquoted numeric version with a hint to quote it as written (3.10, not 3.1)', () => {
    const { definition, problems } = read(lines('ref: a.python', 'versions:', '  - version: "3.9"', '  - version: 3.10', '  - version: 20'))
    expect(definition?.versions.map((v) => v.version)).toEqual(['3.9'])
    expect(problems).toEqual([
      { file: FILE, field: 'versions[1].version', line: 4, severity: 'error', message: expect.stringContaining('quote it: "3.10"') },
      { file: FILE, field: 'versions[2].version', line: 5, severity: 'error', message: expect.stringContaining('quote it: "20"') }
    ])
    expect(problems[0]?.message).toMatch(/YAML reads the unquoted 3\.10 as a number/)
    expect(problems[0]?.message).toMatch(/this version is skipped/)
  })

  it('skips a version entry without a version, and one that is not a mapping, keeping the rest', () => {
    const { definition, problems } = read(
      lines('ref: a.python', 'versions:', '  - meta: {x: 1}', '  - "3.12"', '  - version: ""', '  - version: "3.13"')
    )
    expect(definition?.versions.map((v) => v.version)).toEqual(['3.13'])
    expect(problems.map((p) => [p.field, p.line])).toEqual([
      ['versions[0].version', 3],
      ['versions[1]', 4],
      ['versions[2].version', 5]
    ])
    expect(problems[1]?.message).toMatch(/must be a mapping with a 'version', found the text '3.12'/)
  })

  it('keeps the first of a duplicate version and reports the second', () => {
    const { definition, problems } = read(
      lines('ref: a.python', 'versions:', '  - version: "3.12"', '    meta: {first: true}', '  - version: "3.11"', '  - version: " 3.12"')
    )
    expect(definition?.versions.map((v) => [v.version, v.meta])).toEqual([
      ['3.12', { first: true }],
      ['3.11', {}]
    ])
    expect(problems).toEqual([
      { file: FILE, field: 'versions[2].version', line: 6, severity: 'error', message: expect.stringMatching(/'3.12' is listed twice; the first entry is kept/) }
    ])
  })

  it('reports versions that are not a list', () => {
    const { definition, problems } = read('ref: a.python\nversions: "3.12"\n')
    expect(definition?.versions).toEqual([])
    expect(problems).toEqual([{ file: FILE, field: 'versions', line: 2, severity: 'error', message: expect.stringMatching(/must be a list/) }])
  })

  it('reads a non-boolean is_default as false, with an error', () => {
    const { definition, problems } = read(lines('ref: a.python', 'versions:', '  - version: "3.12"', '    is_default: "yes"'))
    expect(definition?.versions[0]?.isDefault).toBe(false)
    expect(problems).toEqual([{ file: FILE, field: 'versions[0].is_default', line: 4, severity: 'error', message: expect.stringMatching(/read as false/) }])
  })

  it('ignores version distributions and meta that are not mappings', () => {
    const { definition, problems } = read(lines('ref: a.python', 'versions:', '  - version: "3.12"', '    meta: iron', '    distributions: [x]'))
    expect(definition?.versions[0]).toMatchObject({ meta: {}, distributions: {} })
    expect(problems.map((p) => [p.field, p.line])).toEqual([
      ['versions[0].distributions', 5],
      ['versions[0].meta', 4]
    ])
  })
})

describe('readRuntimeYaml: execution_config', () => {
  it('turns a config with environment but no env_type into {}, naming the field and the environment line', () => {
    const { definition, problems } = read(
      lines(
        'ref: a.python',
        'execution_config:',
        '  interpreter: {binary: python3}',
        'versions:',
        '  - version: "3.12"',
        '    execution_config:',
        '      interpreter: {binary: python3.12}',
        '      environment:',
        '        dir_name: .venv'
      )
    )
    expect(definition?.executionConfig).toEqual({ interpreter: { binary: 'python3' } })
    expect(definition?.versions[0]?.executionConfig).toEqual({})
    expect(problems).toEqual([
      {
        file: FILE,
        field: 'versions[0].execution_config.environment.env_type',
        line: 8,
        severity: 'error',
        message: expect.stringMatching(/required when environment is present.*whole versions\[0\]\.execution_config is ignored \(treated as \{\}\)/)
      }
    ])
  })

  it('drops a reserved ATTUNE_ env var with an error on its line and keeps the others', () => {
    const { definition, problems } = read(
      lines('ref: a.python', 'execution_config:', '  env_vars:', '    PYTHONPATH: /lib', '    ATTUNE_EXEC_ID: "1"')
    )
    expect(definition?.executionConfig).toEqual({ env_vars: { PYTHONPATH: '/lib' } })
    expect(problems).toEqual([
      { file: FILE, field: 'execution_config.env_vars.ATTUNE_EXEC_ID', line: 5, severity: 'error', message: expect.stringMatching(/reserved/) }
    ])
  })

  it('reports wrong types for args and create_command on their own lines, and the config becomes {}', () => {
    const { definition, problems } = read(
      lines(
        'ref: a.python',
        'execution_config:',
        '  interpreter:',
        '    binary: python3',
        '    args: -u',
        '  environment:',
        '    env_type: virtualenv',
        '    create_command: python3 -m venv {env_dir}'
      )
    )
    expect(definition?.executionConfig).toEqual({})
    expect(problems.map((p) => [p.field, p.line])).toEqual([
      ['execution_config.interpreter.args', 5],
      ['execution_config.environment.create_command', 8]
    ])
    expect(problems[0]?.message).toMatch(/must be a list of text, found the text '-u'/)
  })

  it('keeps the definition when aliases or name have the wrong type, ignoring them with an error', () => {
    const { definition, problems } = read(lines('ref: a.python', 'aliases: python3', 'name: 3'))
    expect(definition).toMatchObject({ ref: 'a.python', aliases: [], name: 'python' })
    expect(problems).toEqual([
      { file: FILE, field: 'name', line: 3, severity: 'error', message: expect.stringMatching(/must be text/) },
      { file: FILE, field: 'aliases', line: 2, severity: 'error', message: expect.stringMatching(/must be a list of names, found the text 'python3'; ignored/) }
    ])
  })

  it('rejects aliases with a non-text entry, naming the entry', () => {
    const { definition, problems } = read('ref: a.python\naliases: [python, 3]\n')
    expect(definition?.aliases).toEqual([])
    expect(problems.map((p) => p.field)).toEqual(['aliases[1]'])
  })
})
