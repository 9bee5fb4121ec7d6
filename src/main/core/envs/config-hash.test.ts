import { describe, it, expect } from 'vitest'
import { configHash, sha256Hex, stableJson } from './config-hash'

describe('configHash', () => {
  const config = {
    interpreter: { binary: '/usr/bin/python3', args: ['-u'] },
    environment: { env_type: 'virtualenv', create_command: ['x'], interpreter_path: '{env_dir}/bin/python3' }
  }

  it('ignores key order and settings that do not shape the env', () => {
    const reordered = { environment: { interpreter_path: '{env_dir}/bin/python3', create_command: ['x'], env_type: 'virtualenv' }, interpreter: { args: ['-B'], binary: '/usr/bin/python3' } }
    expect(configHash(reordered)).toBe(configHash(config))
  })

  it('changes with the create command, the binary or env_vars', () => {
    expect(configHash({ ...config, environment: { ...config.environment, create_command: ['y'] } })).not.toBe(configHash(config))
    expect(configHash({ ...config, interpreter: { binary: '/opt/python3' } })).not.toBe(configHash(config))
    expect(configHash({ ...config, env_vars: { A: 'b' } })).not.toBe(configHash(config))
  })
})

describe('stableJson / sha256Hex', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(stableJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}')
  })

  it('is the lowercase hex SHA-256 the marker holds', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })
})
