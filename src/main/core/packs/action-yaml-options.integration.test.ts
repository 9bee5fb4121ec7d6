import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ActionDefinition, PackProblem } from '../../../shared/domain/pack'
import { ConstraintError, parseConstraint } from '../versions'
import { createTestPack, type TestPack } from './pack-loader-fixture'

let pack: TestPack

beforeEach(() => {
  pack = createTestPack()
  pack.write('actions/run.sh', 'echo hi\n')
})
afterEach(() => pack.dispose())

/** The message the version grammar (spec §2.2) gives for an invalid constraint. */
function grammarMessage(constraint: string): string {
  try {
    parseConstraint(constraint)
  } catch (error) {
    if (error instanceof ConstraintError) return error.message
  }
  throw new Error(`'${constraint}' parsed`)
}

/** Load an action made of `ref` + `entry_point` + the given lines; problems without the file name. */
function loadWith(...lines: string[]): { action: ActionDefinition; problems: Omit<PackProblem, 'file'>[] } {
  const file = pack.write('actions/a.yaml', ['ref: demo.a', 'entry_point: run.sh', ...lines].join('\n') + '\n')
  const loaded = pack.load()
  const action = loaded.actions[0]
  if (!action) throw new Error(`no action: ${JSON.stringify(loaded.problems)}`)
  for (const problem of loaded.problems) expect(problem.file).toBe(file)
  return { action, problems: loaded.problems.map(({ file: _file, ...rest }) => rest) }
}

describe('runtime_version', () => {
  it('an invalid constraint is an error with the grammar message; the raw text is kept', () => {
    const { action, problems } = loadWith('runtime_version: "!=3.12"')
    expect(action.runtimeVersion).toBe('!=3.12')
    expect(grammarMessage('!=3.12')).toMatch(/^Invalid version constraint '!=3.12': it uses '!='/)
    expect(problems).toEqual([
      { field: 'runtime_version', line: 3, severity: 'error', message: grammarMessage('!=3.12') }
    ])
  })

  it('an unquoted number is an error and ignored, as a worker ignores it', () => {
    const { action, problems } = loadWith('runtime_version: 3.10')
    expect(action.runtimeVersion).toBeNull()
    expect(problems).toEqual([
      {
        field: 'runtime_version',
        line: 3,
        severity: 'error',
        message: 'is the number 3.10, not text: YAML reads it unquoted as 3.1 and a worker ignores a runtime_version that is not text; quote it: "3.10"'
      }
    ])
  })

  it('valid constraints pass; blank means none', () => {
    for (const constraint of ['3.12', '>=18', '>=3.11, <3.13', '~20', '*']) {
      const { action, problems } = loadWith(`runtime_version: "${constraint}"`)
      expect(problems).toEqual([])
      expect(action.runtimeVersion).toBe(constraint)
    }
    expect(loadWith('runtime_version: ""').action.runtimeVersion).toBeNull()
  })

  it("the column name 'runtime_version_constraint' is not the YAML key", () => {
    const { action, problems } = loadWith('runtime_version_constraint: ">=3.12"')
    expect(action.runtimeVersion).toBeNull()
    expect(problems).toEqual([
      { field: 'runtime_version_constraint', line: 3, severity: 'warning', message: "is not read from action files: the key is 'runtime_version'" }
    ])
  })
})

describe('required_worker_runtimes', () => {
  it('validates each constraint, keeps "*" and invalid text, drops numbers', () => {
    const { action, problems } = loadWith('required_worker_runtimes:', '  python: "*"', '  node: ">=20"', '  ruby: ">= banana"', '  go: 1.22')
    expect(action.requiredWorkerRuntimes).toEqual({ python: '*', node: '>=20', ruby: '>= banana' })
    expect(problems).toEqual([
      { field: 'required_worker_runtimes.ruby', line: 6, severity: 'error', message: grammarMessage('>= banana') },
      { field: 'required_worker_runtimes.go', line: 7, severity: 'error', message: 'is the number 1.22, not text; quote it: "1.22"; ignored' }
    ])
  })

  it('must be a mapping', () => {
    const { action, problems } = loadWith('required_worker_runtimes: [python]')
    expect(action.requiredWorkerRuntimes).toEqual({})
    expect(problems).toEqual([expect.objectContaining({ field: 'required_worker_runtimes', line: 3, severity: 'error' })])
  })
})

describe('parameters and output', () => {
  it('wrong types and defaults are errors naming the field path and line; the rest of the schema loads', () => {
    const { action, problems } = loadWith(
      'parameters:',
      '  count:',
      '    type: integer',
      '    default: "five"',
      '  color:',
      '    type: string',
      '    enum: [red, green]',
      '    default: blue',
      '  mode:',
      '    type: text',
      '  name:',
      '    type: string',
      '    default: World'
    )
    expect(action.parameters).toEqual({
      count: { type: 'integer' },
      color: { type: 'string', enum: ['red', 'green'] },
      mode: {},
      name: { type: 'string', default: 'World' }
    })
    expect(problems).toEqual([
      { field: 'parameters.count.default', line: 6, severity: 'error', message: "must be an integer (type: integer), found the text 'five'; the default is ignored" },
      { field: 'parameters.color.default', line: 10, severity: 'error', message: "'blue' is not one of the enum values ('red', 'green'); the default is ignored" },
      { field: 'parameters.mode.type', line: 12, severity: 'error', message: expect.stringContaining("found the text 'text'") }
    ])
  })

  it('output_schema is accepted; with output too, output wins and output_schema is warned about', () => {
    expect(loadWith('output_schema:', '  message: {type: string}')).toMatchObject({ action: { output: { message: { type: 'string' } } }, problems: [] })
    const both = loadWith('output:', '  a: {type: string}', 'output_schema:', '  b: {type: string}')
    expect(both.action.output).toEqual({ a: { type: 'string' } })
    expect(both.problems).toEqual([
      { field: 'output_schema', line: 5, severity: 'warning', message: "is ignored because 'output' is also present (the worker reads 'output')" }
    ])
  })

  it('secret fields under output_schema are warned about: a worker reads only output', () => {
    const { problems } = loadWith('output_schema:', '  token: {type: string, secret: true}')
    expect(problems).toEqual([expect.objectContaining({ field: 'output_schema', severity: 'warning', message: expect.stringContaining('would not redact them') })])
  })
})

describe('parameter_delivery, parameter_format, output_format', () => {
  it("the outdated 'env' delivery is an error naming the value; stdin is used", () => {
    const { action, problems } = loadWith('parameter_delivery: env')
    expect(action.parameterDelivery).toBe('stdin')
    expect(problems).toEqual([
      {
        field: 'parameter_delivery',
        line: 3,
        severity: 'error',
        message:
          "'env' is not supported (the 'env' delivery of older Attune docs no longer exists: parameters arrive on stdin, or in a file named by ATTUNE_PARAMETER_FILE); use one of stdin, file; 'stdin' is used"
      }
    ])
  })

  it.each([
    ['parameter_format: toml', 'parameterFormat', 'json', "'toml' is not supported; use one of json, dotenv, yaml; 'json' is used"],
    ['output_format: xml', 'outputFormat', 'text', "'xml' is not supported; use one of text, json, yaml, jsonl; 'text' is used"],
    ['parameter_delivery: 1', 'parameterDelivery', 'stdin', "must be one of stdin, file, found the number 1; 'stdin' is used"]
  ] as const)('%s → error, default used', (line, key, fallback, message) => {
    const { action, problems } = loadWith(line)
    expect(action[key]).toBe(fallback)
    expect(problems).toEqual([expect.objectContaining({ line: 3, severity: 'error', message })])
  })

  it('values are lower-cased', () => {
    expect(loadWith('parameter_delivery: Stdin', 'parameter_format: DotEnv', 'output_format: Json').action).toMatchObject({
      parameterDelivery: 'stdin',
      parameterFormat: 'dotenv',
      outputFormat: 'json'
    })
  })
})

describe('timeout_seconds and enabled', () => {
  it.each([
    ['0', 'must be greater than zero, found the number 0'],
    ['-5', 'must be greater than zero, found the number -5'],
    ['1.5', 'must be a whole number of seconds, found the number 1.5'],
    ['"30"', "must be a whole number of seconds, found the text '30'"],
    ['99999999999', 'must be a whole number of seconds, found the number 99999999999']
  ])('timeout_seconds: %s is an error and ignored', (value, message) => {
    const { action, problems } = loadWith(`timeout_seconds: ${value}`)
    expect(action.timeoutSeconds).toBeNull()
    expect(problems).toEqual([{ field: 'timeout_seconds', line: 3, severity: 'error', message: `${message}; ignored (a worker refuses to load the pack for this)` }])
  })

  it('enabled must be a boolean; anything else reads as true, as on a worker', () => {
    expect(loadWith('enabled: false').action.enabled).toBe(false)
    const { action, problems } = loadWith('enabled: "no"')
    expect(action.enabled).toBe(true)
    expect(problems).toEqual([{ field: 'enabled', line: 3, severity: 'error', message: "must be true or false, found the text 'no'; read as true, as a worker does" }])
  })
})
