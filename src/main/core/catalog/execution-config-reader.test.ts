import { describe, expect, it } from 'vitest'
import { readExecutionConfig, RESERVED_ENV_PREFIX } from './execution-config-reader'

const python312 = {
  interpreter: { binary: 'python3.12', args: ['-u'], file_extension: '.py' },
  environment: {
    env_type: 'virtualenv',
    dir_name: '.venv',
    create_command: ['python3.12', '-m', 'venv', '--copies', '{env_dir}'],
    interpreter_path: '{env_dir}/bin/python3.12'
  },
  dependencies: { manifest_file: 'requirements.txt', install_command: ['{interpreter}', '-m', 'pip', 'install', '-r', '{manifest_path}'] },
  env_vars: { PYTHONPATH: { operation: 'prepend', value: '{pack_dir}/lib', separator: ':' } }
}

describe('readExecutionConfig', () => {
  it('keeps a complete valid config as it is, without issues', () => {
    expect(readExecutionConfig(python312, 'execution_config')).toEqual({ config: python312, issues: [] })
  })

  it('reads absent and null as {}', () => {
    expect(readExecutionConfig(undefined, 'execution_config')).toEqual({ config: {}, issues: [] })
    expect(readExecutionConfig(null, 'execution_config')).toEqual({ config: {}, issues: [] })
  })

  it('accepts environment and dependencies set to null (no env), and shell inline settings', () => {
    const shell = {
      interpreter: { binary: '/bin/bash', args: [], file_extension: '.sh' },
      inline_execution: { strategy: 'temp_file', extension: '.sh', inject_shell_helpers: true },
      environment: null,
      dependencies: null
    }
    expect(readExecutionConfig(shell, 'execution_config')).toEqual({ config: shell, issues: [] })
  })

  it('accepts interpreter_path null and a plain-text env var', () => {
    const node = { environment: { env_type: 'node_modules', interpreter_path: null }, env_vars: { NODE_PATH: '{env_dir}/node_modules' } }
    expect(readExecutionConfig(node, 'execution_config')).toEqual({ config: node, issues: [] })
  })

  it('treats a config that is not a mapping as {}', () => {
    const { config, issues } = readExecutionConfig(['python3'], 'versions[0].execution_config')
    expect(config).toEqual({})
    expect(issues).toEqual([{ field: 'versions[0].execution_config', path: [], severity: 'error', message: expect.stringMatching(/must be a mapping, found a list/) }])
  })

  it('turns the whole config into {} when environment has no env_type, like the worker, and says so', () => {
    const { config, issues } = readExecutionConfig({ ...python312, environment: { dir_name: '.venv' } }, 'execution_config')
    expect(config).toEqual({})
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ field: 'execution_config.environment.env_type', path: ['environment', 'env_type'], severity: 'error' })
    expect(issues[0]?.message).toMatch(/required when environment is present/)
    expect(issues[0]?.message).toMatch(/whole execution_config is ignored \(treated as \{\}\)/)
  })

  it('turns the whole config into {} when dependencies has no manifest_file', () => {
    const { config, issues } = readExecutionConfig({ ...python312, dependencies: { install_command: ['pip'] } }, 'x')
    expect(config).toEqual({})
    expect(issues.map((i) => i.field)).toEqual(['x.dependencies.manifest_file'])
  })

  it.each([
    ['interpreter', 'python3', 'interpreter'],
    ['interpreter', { binary: 3 }, 'interpreter.binary'],
    ['interpreter', { args: '-u' }, 'interpreter.args'],
    ['interpreter', { args: ['-u', 1] }, 'interpreter.args'],
    ['interpreter', { file_extension: 5 }, 'interpreter.file_extension'],
    ['inline_execution', { strategy: 'eval' }, 'inline_execution.strategy'],
    ['inline_execution', { inject_shell_helpers: 'yes' }, 'inline_execution.inject_shell_helpers'],
    ['environment', { env_type: 'virtualenv', create_command: 'python3 -m venv {env_dir}' }, 'environment.create_command'],
    ['environment', { env_type: 'virtualenv', dir_name: ['.venv'] }, 'environment.dir_name'],
    ['environment', { env_type: 'virtualenv', interpreter_path: 7 }, 'environment.interpreter_path'],
    ['environment', 'virtualenv', 'environment'],
    ['dependencies', { manifest_file: 'requirements.txt', install_command: 'pip install' }, 'dependencies.install_command'],
    ['env_vars', ['PATH=/x'], 'env_vars'],
    ['env_vars', { PATH: { value: '/x', operation: 'replace' } }, 'env_vars.PATH'],
    ['env_vars', { PATH: { operation: 'set' } }, 'env_vars.PATH'],
    ['env_vars', { PATH: 3 }, 'env_vars.PATH']
  ])('drops the whole config when %s is %j (field %s)', (key, value, field) => {
    const { config, issues } = readExecutionConfig({ ...python312, [key]: value }, 'execution_config')
    expect(config).toEqual({})
    expect(issues.map((i) => i.field)).toEqual([`execution_config.${field}`])
    expect(issues[0]?.severity).toBe('error')
    expect(issues[0]?.message).toMatch(/treated as \{\}/)
  })

  it('reports every shape error, not only the first', () => {
    const { issues } = readExecutionConfig({ interpreter: { args: '-u' }, environment: {} }, 'execution_config')
    expect(issues.map((i) => i.field)).toEqual(['execution_config.interpreter.args', 'execution_config.environment.env_type'])
  })

  it('keeps an env var name with dots as one path segment', () => {
    const { issues } = readExecutionConfig({ env_vars: { 'my.var': 1 } }, 'execution_config')
    expect(issues[0]).toMatchObject({ field: 'execution_config.env_vars.my.var', path: ['env_vars', 'my.var'] })
  })

  it('drops reserved ATTUNE_ env vars with an error and keeps the rest of the config', () => {
    const { config, issues } = readExecutionConfig(
      { ...python312, env_vars: { ATTUNE_API_TOKEN: 'x', ATTUNE_X: { value: 'y' }, attune_lower: 'kept', OTHER: 'kept' } },
      'versions[2].execution_config'
    )
    expect(RESERVED_ENV_PREFIX).toBe('ATTUNE_')
    expect(config).toEqual({ ...python312, env_vars: { attune_lower: 'kept', OTHER: 'kept' } })
    expect(issues).toEqual([
      {
        field: 'versions[2].execution_config.env_vars.ATTUNE_API_TOKEN',
        path: ['env_vars', 'ATTUNE_API_TOKEN'],
        severity: 'error',
        message: expect.stringMatching(/reserved.*ignored/)
      },
      expect.objectContaining({ field: 'versions[2].execution_config.env_vars.ATTUNE_X', severity: 'error' })
    ])
  })

  it('keeps unknown keys (the worker ignores them)', () => {
    expect(readExecutionConfig({ future_key: 1 }, 'x')).toEqual({ config: { future_key: 1 }, issues: [] })
  })
})
