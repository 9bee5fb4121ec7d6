import { describe, it, expect } from 'vitest'
import type { RuntimeExecutionConfig } from '../../../shared/domain/execution-config'
import { envInterpreterPath, resolveArgv, resolveTemplate, templateVars } from './env-template'

const PYTHON: RuntimeExecutionConfig = {
  interpreter: { binary: 'python3.12', args: ['-u'] },
  environment: { env_type: 'virtualenv', create_command: ['python3.12', '-m', 'venv', '{env_dir}'], interpreter_path: '{env_dir}/bin/python3.12' },
  dependencies: { manifest_file: 'requirements.txt', install_command: ['{interpreter}', '-m', 'pip', 'install', '-r', '{manifest_path}'] }
}

describe('resolveTemplate (spec §1.8)', () => {
  const vars = { pack_dir: '/packs/p', env_dir: '/envs/p/python' }

  it.each([
    ['{env_dir}/bin/python3', '/envs/p/python/bin/python3'],
    ['{pack_dir}/lib:{pack_dir}/vendor', '/packs/p/lib:/packs/p/vendor'],
    ['{action_file} {unknown} {ENV_DIR}', '{action_file} {unknown} {ENV_DIR}'],
    ['{env_dir', '{env_dir'],
    ['no placeholders', 'no placeholders']
  ])('%s → %s', (text, expected) => {
    expect(resolveTemplate(text, vars)).toBe(expected)
  })

  it('does not substitute inside substituted values', () => {
    expect(resolveTemplate('{pack_dir}', { pack_dir: '/a/{env_dir}', env_dir: '/e' })).toBe('/a/{env_dir}')
  })

  it('resolves every argv element', () => {
    expect(resolveArgv(['sh', '-c', 'cp {manifest_path} {env_dir}/'], { env_dir: '/e', manifest_path: '/p/package.json' })).toEqual([
      'sh',
      '-c',
      'cp /p/package.json /e/'
    ])
  })
})

describe('templateVars', () => {
  it('uses the env interpreter when it exists, else interpreter.binary', () => {
    const base = { config: PYTHON, packDir: '/packs/p', envDir: '/envs/p/python-3.12' }
    expect(templateVars({ ...base, envInterpreterExists: true }).interpreter).toBe('/envs/p/python-3.12/bin/python3.12')
    expect(templateVars({ ...base, envInterpreterExists: false }).interpreter).toBe('python3.12')
  })

  it('defines manifest_path only when dependencies are configured', () => {
    const inputs = { packDir: '/packs/p', envDir: '/envs/p/python', envInterpreterExists: false }
    expect(templateVars({ ...inputs, config: PYTHON })).toEqual({
      pack_dir: '/packs/p',
      env_dir: '/envs/p/python',
      interpreter: 'python3.12',
      manifest_path: '/packs/p/requirements.txt'
    })
    const withoutDeps = templateVars({ ...inputs, config: { ...PYTHON, dependencies: null } })
    expect(withoutDeps).not.toHaveProperty('manifest_path')
    expect(resolveTemplate('cp {manifest_path} x', withoutDeps)).toBe('cp {manifest_path} x')
  })

  it('at run time defines env_dir only with an environment, as process.rs (env_dir_opt), else {env_dir} stays literal', () => {
    const inputs = { packDir: '/packs/p', envDir: '/envs/p/java', envInterpreterExists: false, envDirOnlyWithEnvironment: true }
    const withoutEnvironment = templateVars({ ...inputs, config: { interpreter: { binary: 'java', args: [] } } })
    expect(withoutEnvironment).not.toHaveProperty('env_dir')
    expect(resolveTemplate('{env_dir}/lib', withoutEnvironment)).toBe('{env_dir}/lib')
    expect(templateVars({ ...inputs, config: PYTHON }).env_dir).toBe('/envs/p/java')
    expect(templateVars({ ...inputs, envDirOnlyWithEnvironment: false, config: {} }).env_dir).toBe('/envs/p/java')
  })

  it('has an empty interpreter when none is configured', () => {
    expect(templateVars({ config: {}, packDir: '/p', envDir: '/e', envInterpreterExists: false }).interpreter).toBe('')
  })
})

describe('envInterpreterPath', () => {
  it('templates interpreter_path with env_dir and pack_dir', () => {
    expect(envInterpreterPath(PYTHON, '/packs/p', '/envs/p/python')).toBe('/envs/p/python/bin/python3.12')
  })

  it('is null for Node, whose interpreter_path is null', () => {
    expect(envInterpreterPath({ environment: { env_type: 'node_modules', interpreter_path: null } }, '/p', '/e')).toBeNull()
  })
})
