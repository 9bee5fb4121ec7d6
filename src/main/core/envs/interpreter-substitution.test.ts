import { describe, it, expect } from 'vitest'
import type { RuntimeExecutionConfig } from '../../../shared/domain/execution-config'
import { withResolvedInterpreter } from './interpreter-substitution'

const CATALOG_312: RuntimeExecutionConfig = {
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

describe('withResolvedInterpreter', () => {
  it('replaces the binary and exact argv matches, nothing else', () => {
    const resolved = withResolvedInterpreter(CATALOG_312, 'python3.12', '/opt/py/bin/python3.12')
    expect(resolved.interpreter).toEqual({ binary: '/opt/py/bin/python3.12', args: ['-u'], file_extension: '.py' })
    expect(resolved.environment?.create_command).toEqual(['/opt/py/bin/python3.12', '-m', 'venv', '--copies', '{env_dir}'])
    expect(resolved.environment?.interpreter_path).toBe('{env_dir}/bin/python3.12')
    expect(resolved.dependencies?.install_command).toEqual(CATALOG_312.dependencies?.install_command)
    expect(resolved.env_vars).toBe(CATALOG_312.env_vars)
  })

  it('leaves the input config untouched', () => {
    const before = JSON.stringify(CATALOG_312)
    withResolvedInterpreter(CATALOG_312, 'python3.12', '/x/python3.12')
    expect(JSON.stringify(CATALOG_312)).toBe(before)
  })

  it('replaces a bare command inside install_command too, but not substrings', () => {
    const config: RuntimeExecutionConfig = {
      interpreter: { binary: 'node20' },
      environment: { env_type: 'node_modules', create_command: ['sh', '-c', 'node20 -v && mkdir -p {env_dir}'] },
      dependencies: { manifest_file: 'package.json', install_command: ['node20', '/usr/lib/npm-cli.js', 'install'] }
    }
    const resolved = withResolvedInterpreter(config, 'node20', '/opt/node/bin/node')
    expect(resolved.interpreter?.binary).toBe('/opt/node/bin/node')
    expect(resolved.environment?.create_command).toEqual(['sh', '-c', 'node20 -v && mkdir -p {env_dir}'])
    expect(resolved.dependencies?.install_command).toEqual(['/opt/node/bin/node', '/usr/lib/npm-cli.js', 'install'])
  })

  it('keeps a binary that is not the bare command, and configs without sections', () => {
    expect(withResolvedInterpreter({ interpreter: { binary: '/bin/bash' } }, 'python3', '/usr/bin/python3')).toEqual({
      interpreter: { binary: '/bin/bash' }
    })
    expect(withResolvedInterpreter({}, 'python3', '/usr/bin/python3')).toEqual({})
  })
})
