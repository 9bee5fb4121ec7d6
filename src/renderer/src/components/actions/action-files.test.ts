import { describe, expect, it } from 'vitest'
import type { ActionDefinition, PackProblem, PackView } from '../../../../shared/domain/pack'
import type { ActionSummary } from '../../../../shared/ipc/contract'
import { packActionFiles } from './action-files'

const dir = '/packs/demo'

function summary(name: string): ActionSummary {
  const action: ActionDefinition = {
    ref: `demo.${name}`,
    name,
    label: null,
    description: null,
    file: `${dir}/actions/${name}.yaml`,
    entryPoint: `${name}.sh`,
    entryPath: `${dir}/actions/${name}.sh`,
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
  }
  return { pack: 'demo', action, resolution: null, resolvedVersion: null }
}

function problem(file: string, severity: PackProblem['severity'], message: string): PackProblem {
  return { file: `${dir}/${file}`, field: null, line: 3, severity, message }
}

function pack(problems: PackProblem[]): PackView {
  return { ref: 'demo', label: null, description: null, version: null, dir, registeredAt: '', loadedAt: null, actions: [], runtimes: [], components: [], problems }
}

describe('packActionFiles', () => {
  it('lists loaded actions with their file problems, then the files that did not load, and counts the rest', () => {
    const view = pack([
      problem('actions/zeta.yaml', 'error', 'YAML syntax error'),
      problem('actions/alpha.yaml', 'error', 'duplicate ref'),
      problem('actions/greet.yaml', 'warning', 'unknown field'),
      problem('actions/check.yaml', 'error', 'runtime_version does not parse'),
      problem('pack.yaml', 'warning', 'no version')
    ])
    const files = packActionFiles(view, [summary('greet'), summary('check')])
    expect(files.rows.map((row) => [row.file, row.summary?.action.ref ?? null, row.problems.length, row.hasError])).toEqual([
      ['actions/greet.yaml', 'demo.greet', 1, false],
      ['actions/check.yaml', 'demo.check', 1, true],
      ['actions/alpha.yaml', null, 1, true],
      ['actions/zeta.yaml', null, 1, true]
    ])
    expect(files.problemCount).toBe(5)
    expect(files.elsewhere).toBe(1)
  })

  it('ignores actions of other packs and lists a clean pack without problems', () => {
    const other = { ...summary('greet'), pack: 'other' }
    const files = packActionFiles(pack([]), [summary('greet'), other])
    expect(files.rows).toHaveLength(1)
    expect(files.rows[0]).toMatchObject({ file: 'actions/greet.yaml', problems: [], hasError: false })
    expect(files.problemCount).toBe(0)
  })
})
