import { describe, expect, it } from 'vitest'
import type { LoadProblem } from './problems'
import { describeType, fieldPath, isRecord, parseYamlSource } from './yaml-fields'

const text = [
  'ref: core.python', //                     1
  'versions:', //                            2
  '  - version: "3.11"', //                  3
  '    execution_config:', //                4
  '      environment:', //                   5
  '        dir_name: .venv', //              6
  '  - version: 3.10', //                    7
  'execution_config: &shared', //            8
  '  interpreter: {binary: python3}', //     9
  'copy: *shared' //                         10
].join('\n')

function parse(source: string) {
  const problems: LoadProblem[] = []
  const parsed = parseYamlSource('/f.yaml', source, problems)
  return { parsed, problems }
}

describe('parseYamlSource', () => {
  it('parses to plain values with aliases resolved', () => {
    const { parsed, problems } = parse(text)
    expect(problems).toEqual([])
    const value = parsed?.value as Record<string, unknown>
    expect(value.copy).toEqual({ interpreter: { binary: 'python3' } })
    expect((value.versions as unknown[])[1]).toEqual({ version: 3.1 })
  })

  it('names the line of a field by its key or list item', () => {
    const { parsed } = parse(text)
    expect(parsed?.lineOf(['ref'])).toBe(1)
    expect(parsed?.lineOf(['versions'])).toBe(2)
    expect(parsed?.lineOf(['versions', 0])).toBe(3)
    expect(parsed?.lineOf(['versions', 0, 'execution_config'])).toBe(4)
    expect(parsed?.lineOf(['versions', 0, 'execution_config', 'environment', 'dir_name'])).toBe(6)
    expect(parsed?.lineOf(['versions', 1, 'version'])).toBe(7)
    expect(parsed?.lineOf(['execution_config', 'interpreter', 'binary'])).toBe(9)
    expect(parsed?.lineOf([])).toBe(1)
  })

  it('falls back to the nearest enclosing field for an absent one, null when nothing encloses it', () => {
    const { parsed } = parse(text)
    expect(parsed?.lineOf(['versions', 0, 'execution_config', 'environment', 'env_type'])).toBe(5)
    expect(parsed?.lineOf(['versions', 9, 'version'])).toBe(2)
    expect(parsed?.lineOf(['copy', 'interpreter'])).toBe(10)
    expect(parsed?.lineOf(['name'])).toBeNull()
  })

  it('gives the scalar as written, so 3.10 is not reported as 3.1', () => {
    const { parsed } = parse(text)
    expect(parsed?.sourceOf(['versions', 1, 'version'])).toBe('3.10')
    expect(parsed?.sourceOf(['versions', 0, 'version'])).toBe('3.11')
    expect(parsed?.sourceOf(['versions'])).toBeNull()
    expect(parsed?.sourceOf(['missing'])).toBeNull()
  })

  it('reports each syntax error with its line and returns null', () => {
    const { parsed, problems } = parse('ref: a.b\nversions:\n  - version: "1"\n    meta: [unclosed\n')
    expect(parsed).toBeNull()
    expect(problems.length).toBeGreaterThan(0)
    expect(problems[0]).toMatchObject({ file: '/f.yaml', field: null, severity: 'error' })
    expect(problems[0]?.message).toMatch(/^YAML syntax error: /)
    expect(problems[0]?.line).toBeGreaterThanOrEqual(4)
  })

  it('reports only the first syntax error, at the opening quote of an unclosed string, with the line and a caret', () => {
    const { problems } = parse('ref: a.b\ndescription: "never closed\nname: x\n')
    expect(problems).toEqual([
      {
        file: '/f.yaml',
        field: null,
        line: 2,
        severity: 'error',
        message: 'YAML syntax error: Missing closing "quote at line 2, column 14\n    description: "never closed\n                 ^'
      }
    ])
    const nested = parse('a: 1\n b: 2\nc: [1, 2\n').problems
    expect(nested).toHaveLength(1)
    expect(nested[0]?.message).toBe('YAML syntax error: Nested mappings are not allowed in compact mappings at line 1, column 4\n    a: 1\n       ^')
  })

  it('rejects a duplicate key, naming its line', () => {
    const { parsed, problems } = parse('ref: a.b\nname: A\nref: c.d\n')
    expect(parsed).toBeNull()
    expect(problems).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/unique/i) })])
  })
})

describe('fieldPath', () => {
  it('joins keys with dots and indexes with brackets', () => {
    expect(fieldPath(['versions', 1, 'version'])).toBe('versions[1].version')
    expect(fieldPath(['execution_config', 'env_vars', 'PATH'])).toBe('execution_config.env_vars.PATH')
    expect(fieldPath([])).toBe('')
  })
})

describe('isRecord and describeType', () => {
  it('tells mappings from lists and scalars', () => {
    expect(isRecord({})).toBe(true)
    expect(isRecord([])).toBe(false)
    expect(isRecord(null)).toBe(false)
    expect(isRecord('x')).toBe(false)
  })

  it('describes what was found', () => {
    expect(describeType(undefined)).toBe('nothing')
    expect(describeType(null)).toBe('nothing')
    expect(describeType([1])).toBe('a list')
    expect(describeType({ a: 1 })).toBe('a mapping')
    expect(describeType('x')).toBe("the text 'x'")
    expect(describeType(3.1)).toBe('the number 3.1')
    expect(describeType(true)).toBe('the boolean true')
  })
})
