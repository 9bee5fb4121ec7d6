import { describe, it, expect } from 'vitest'
import { applyEnvVars, joinValues } from './env-vars'
import { setupEnvironment } from './setup-env'

const VARS = { pack_dir: '/packs/p', env_dir: '/envs/p/python' }

describe('joinValues (spec §1.8)', () => {
  it.each([
    ['', '', ':', ''],
    ['a', '', ':', 'a'],
    ['', 'b', ':', 'b'],
    ['a', 'b', ':', 'a:b'],
    ['a', 'b', ';', 'a;b']
  ])('join(%j, %j, %j) = %j', (first, second, separator, expected) => {
    expect(joinValues(first, second, separator)).toBe(expected)
  })
})

describe('applyEnvVars (spec §1.8)', () => {
  it('sets plain strings and templated values', () => {
    const { env } = applyEnvVars({ PATH: '/usr/bin' }, { NODE_PATH: '{env_dir}/node_modules' }, VARS)
    expect(env).toEqual({ PATH: '/usr/bin', NODE_PATH: '/envs/p/python/node_modules' })
  })

  it('prepends and appends with the default and a custom separator', () => {
    const { env } = applyEnvVars(
      { PYTHONPATH: '/old', PATH: '/usr/bin' },
      {
        PYTHONPATH: { operation: 'prepend', value: '{pack_dir}/lib' },
        PATH: { operation: 'append', value: '{env_dir}/bin', separator: ';' }
      },
      VARS
    )
    expect(env.PYTHONPATH).toBe('/packs/p/lib:/old')
    expect(env.PATH).toBe('/usr/bin;/envs/p/python/bin')
  })

  it('leaves no stray separator when the existing value is unset or the new one empty', () => {
    const { env } = applyEnvVars(
      { KEEP: 'x' },
      { PYTHONPATH: { operation: 'prepend', value: '{pack_dir}/lib' }, KEEP: { operation: 'append', value: '' } },
      VARS
    )
    expect(env).toEqual({ PYTHONPATH: '/packs/p/lib', KEEP: 'x' })
  })

  it('skips reserved ATTUNE_ names (case-sensitive prefix) and leaves base untouched', () => {
    const base = { PATH: '/usr/bin' }
    const { env, skipped } = applyEnvVars(base, { ATTUNE_API_TOKEN: 'x', attune_lower: 'kept', ATTUNEX: 'kept' }, VARS)
    expect(skipped).toEqual(['ATTUNE_API_TOKEN'])
    expect(env).toEqual({ PATH: '/usr/bin', attune_lower: 'kept', ATTUNEX: 'kept' })
    expect(base).toEqual({ PATH: '/usr/bin' })
  })
})

describe('setupEnvironment (spec §4.5)', () => {
  it('redirects HOME and the tool caches into the env, after the runtime env_vars', () => {
    const { env, skipped } = setupEnvironment(
      { PATH: '/usr/bin', HOME: '/home/me', LANG: 'C.UTF-8' },
      { env_vars: { HOME: '/elsewhere', PYTHONPATH: { operation: 'prepend', value: '{pack_dir}/lib' }, ATTUNE_X: 'no' } },
      VARS,
      '/envs/p/python',
      'linux'
    )
    expect(env).toEqual({
      PATH: '/usr/bin',
      LANG: 'C.UTF-8',
      PYTHONPATH: '/packs/p/lib',
      HOME: '/envs/p/python/.attune-setup',
      XDG_CONFIG_HOME: '/envs/p/python/.attune-setup/config',
      XDG_CACHE_HOME: '/envs/p/python/.attune-setup/cache',
      PIP_CACHE_DIR: '/envs/p/python/.attune-setup/cache/pip',
      PIP_CONFIG_FILE: '/dev/null',
      npm_config_loglevel: 'http'
    })
    expect(skipped).toEqual(['ATTUNE_X'])
  })

  it('uses NUL for PIP_CONFIG_FILE on Windows', () => {
    expect(setupEnvironment({}, {}, VARS, '/e', 'win32').env.PIP_CONFIG_FILE).toBe('NUL')
  })
})
