import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CORE_RUNNERS } from './pack-loader-fixture'
import { loadPackSync } from './pack-loader'

const brokenDir = fileURLToPath(new URL('./fixtures/broken_pack', import.meta.url))

describe('fixtures/broken_pack: every problem reported, the rest of the pack loads', () => {
  const loaded = loadPackSync(brokenDir, CORE_RUNNERS)
  if ('error' in loaded) throw new Error(loaded.error.message)
  const problems = loaded.problems.map((p) => ({ file: relative(loaded.dir, p.file), field: p.field, line: p.line, severity: p.severity }))

  it('reports each problem by file, field, line and severity, in load order', () => {
    expect(problems).toEqual([
      { file: 'pack.yaml', field: 'version', line: 4, severity: 'warning' },
      { file: 'runtimes/reserved_env.yaml', field: 'execution_config.env_vars.ATTUNE_EXEC_ID', line: 7, severity: 'error' },
      { file: 'actions/absolute.yaml', field: 'entry_point', line: 2, severity: 'error' },
      { file: 'actions/bad_constraint.yaml', field: 'runtime_version', line: 4, severity: 'error' },
      { file: 'actions/bad_parameters.yaml', field: 'parameters.count.default', line: 7, severity: 'error' },
      { file: 'actions/bad_parameters.yaml', field: 'parameters.color.default', line: 11, severity: 'error' },
      { file: 'actions/bad_parameters.yaml', field: 'parameters.size.type', line: 13, severity: 'error' },
      { file: 'actions/bad_parameters.yaml', field: 'parameter_delivery', line: 3, severity: 'error' },
      { file: 'actions/escape.yaml', field: 'entry_point', line: 2, severity: 'error' },
      { file: 'actions/foreign.yaml', field: 'ref', line: 1, severity: 'error' },
      { file: 'actions/missing_entry.yaml', field: 'entry_point', line: 3, severity: 'error' },
      { file: 'actions/syntax_error.yaml', field: null, line: 3, severity: 'error' },
      { file: 'actions/unknown_runner.yaml', field: 'runner_type', line: 2, severity: 'error' },
      { file: 'actions/workflow.yaml', field: 'workflow_file', line: 2, severity: 'warning' },
      { file: 'actions/zz_duplicate.yaml', field: 'ref', line: 2, severity: 'error' }
    ])
  })

  it('lists every action that has a usable ref, good.yaml first among equals and clean', () => {
    expect(loaded.actions.map((a) => [a.ref, a.runtimeRef, a.entryPath === null])).toEqual([
      ['broken_pack.absolute', 'core.shell', true],
      ['broken_pack.bad_constraint', 'core.python', false],
      ['broken_pack.bad_parameters', 'core.shell', false],
      ['broken_pack.escape', 'core.shell', true],
      ['broken_pack.good', 'core.shell', false],
      ['broken_pack.missing_entry', 'core.python', true],
      ['broken_pack.unknown_runner', null, false],
      ['broken_pack.workflow', null, true]
    ])
    const good = loaded.actions.find((a) => a.ref === 'broken_pack.good')
    expect(good?.file).toBe(`${loaded.dir}/actions/good.yaml`)
    expect(loaded.problems.some((p) => p.file === good?.file)).toBe(false)
  })

  it('keeps what it can of a bad action: the raw constraint, the valid parameters, the default delivery', () => {
    const byRef = new Map(loaded.actions.map((a) => [a.ref, a]))
    expect(byRef.get('broken_pack.bad_constraint')?.runtimeVersion).toBe('!=3.12')
    expect(byRef.get('broken_pack.bad_parameters')).toMatchObject({
      parameterDelivery: 'stdin',
      parameters: { count: { type: 'integer' }, color: { type: 'string', enum: ['red', 'green'] }, size: {} }
    })
    expect(loaded.runtimes.map((r) => [r.ref, r.executionConfig.env_vars])).toEqual([['broken_pack.tool', {}]])
  })

  it('messages name the offending value', () => {
    const message = (file: string): string => loaded.problems.find((p) => p.file.endsWith(file))?.message ?? ''
    expect(message('unknown_runner.yaml')).toContain("'cobol' does not match any runtime")
    expect(message('foreign.yaml')).toContain("'other_pack.thing' belongs to pack 'other_pack'")
    expect(message('zz_duplicate.yaml')).toContain(`already defined in ${loaded.dir}/actions/good.yaml`)
    expect(message('escape.yaml')).toContain("'../../secrets.sh' leaves the actions/ folder")
  })
})
