import { describe, it, expect } from 'vitest'
import { buildChildEnv, type ChildEnvInputs } from './child-env'
import { buildContextEnv, loopbackUrl } from './child-env-context'

const inputs = (overrides: Partial<ChildEnvInputs> = {}): ChildEnvInputs => ({
  baseline: { PATH: '/usr/bin:/bin', HOME: '/home/u' },
  context: buildContextEnv({ executionId: 42, actionRef: 'demo.hello', packRef: 'demo' }),
  runtimeEnvVars: {},
  templateVars: { pack_dir: '/packs/demo', env_dir: '/envs/demo/python' },
  delivery: { mode: 'stdin', format: 'json', file: null },
  execution: {},
  ...overrides
})

describe('buildChildEnv (spec §5.5 newest precedence)', () => {
  it('scenario 27: execution env overrides runtime values; ATTUNE_* from it is ignored', () => {
    const { env, warnings } = buildChildEnv(
      inputs({ runtimeEnvVars: { LOG_LEVEL: 'info' }, execution: { LOG_LEVEL: 'debug', REGION: 'eu-west-1', ATTUNE_EXEC_ID: 'bad' } })
    )
    expect(`${env.LOG_LEVEL}|${env.REGION}|${env.ATTUNE_EXEC_ID}`).toBe('debug|eu-west-1|42')
    expect(warnings).toEqual(["execution env_vars: 'ATTUNE_EXEC_ID' is reserved (ATTUNE_*) and was ignored"])
  })

  it('starts from the baseline only and adds the context', () => {
    const { env } = buildChildEnv(inputs())
    expect(env).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/u',
      ATTUNE_EXEC_ID: '42',
      ATTUNE_ACTION: 'demo.hello',
      ATTUNE_PACK_REF: 'demo',
      ATTUNE_PARAMETER_DELIVERY: 'stdin',
      ATTUNE_PARAMETER_FORMAT: 'json'
    })
  })

  it('templates runtime env_vars and prepends to the baseline value; skips reserved names', () => {
    const { env, warnings } = buildChildEnv(
      inputs({
        baseline: { PATH: '/usr/bin', PYTHONPATH: '/existing/pythonpath' },
        runtimeEnvVars: {
          PYTHONPATH: { operation: 'prepend', value: '{pack_dir}/lib', separator: ':' },
          PATH: { operation: 'prepend', value: '{env_dir}/bin' },
          ATTUNE_API_URL: 'http://evil'
        }
      })
    )
    expect(env.PYTHONPATH).toBe('/packs/demo/lib:/existing/pythonpath')
    expect(env.PATH).toBe('/envs/demo/python/bin:/usr/bin')
    expect(env.ATTUNE_API_URL).toBeUndefined()
    expect(warnings).toEqual(["runtime env_vars: 'ATTUNE_API_URL' is reserved (ATTUNE_*) and was skipped"])
  })

  it('scenario 38: stdin delivery sets DELIVERY and FORMAT; file delivery adds the file', () => {
    expect(buildChildEnv(inputs()).env.ATTUNE_PARAMETER_FILE).toBeUndefined()
    const { env } = buildChildEnv(inputs({ delivery: { mode: 'file', format: 'yaml', file: '/tmp/p' } }))
    expect([env.ATTUNE_PARAMETER_DELIVERY, env.ATTUNE_PARAMETER_FORMAT, env.ATTUNE_PARAMETER_FILE]).toEqual(['file', 'yaml', '/tmp/p'])
  })

  it('delivery metadata cannot be overridden by runtime or execution env', () => {
    const { env } = buildChildEnv(inputs({ runtimeEnvVars: { ATTUNE_PARAMETER_FORMAT: 'yaml' }, execution: { ATTUNE_PARAMETER_DELIVERY: 'file' } }))
    expect([env.ATTUNE_PARAMETER_DELIVERY, env.ATTUNE_PARAMETER_FORMAT]).toEqual(['stdin', 'json'])
  })

  it('scenario 40: the reserved prefix is case-sensitive', () => {
    const { env } = buildChildEnv(inputs({ execution: { attune_lower: 'kept', PYTHONPATH: '/x', ATTUNE_API_TOKEN: 't', ATTUNE_PACK_REF: 'p' } }))
    expect(env.attune_lower).toBe('kept')
    expect(env.PYTHONPATH).toBe('/x')
    expect(env.ATTUNE_API_TOKEN).toBeUndefined()
    expect(env.ATTUNE_PACK_REF).toBe('demo')
  })

  it('drops names and values the OS cannot carry, with a warning', () => {
    const { env, warnings } = buildChildEnv(inputs({ execution: { 'A=B': '1', NUL: 'a\0b', OK: 'fine' } }))
    expect(env.OK).toBe('fine')
    expect(env['A=B']).toBeUndefined()
    expect(env.NUL).toBeUndefined()
    expect(warnings).toHaveLength(2)
  })

  it('counts the variables that differ from the baseline', () => {
    expect(buildChildEnv(inputs()).overrideCount).toBe(5)
    expect(buildChildEnv(inputs({ execution: { HOME: '/home/u', X: '1' } })).overrideCount).toBe(6)
  })
})

describe('buildContextEnv', () => {
  it('sets the worker context and ATTUNE_CONTEXT_<KEY> from config.context', () => {
    const env = buildContextEnv({
      executionId: 7,
      actionRef: 'demo.hello',
      packRef: 'demo',
      artifactsDir: '/a',
      runtimeEnvsDir: '/e',
      apiUrl: 'http://0.0.0.0:8080',
      context: { user: 'alice', retries: 2, dry_run: true, meta: { a: 1 }, none: null, 'bad=key': 'x' }
    })
    expect(env).toEqual({
      ATTUNE_EXEC_ID: '7',
      ATTUNE_ACTION: 'demo.hello',
      ATTUNE_PACK_REF: 'demo',
      ATTUNE_API_URL: 'http://127.0.0.1:8080',
      ATTUNE_ARTIFACTS_DIR: '/a',
      ATTUNE_RUNTIME_ENVS_DIR: '/e',
      ATTUNE_CONTEXT_USER: 'alice',
      ATTUNE_CONTEXT_RETRIES: '2',
      ATTUNE_CONTEXT_DRY_RUN: 'true',
      ATTUNE_CONTEXT_META: '{"a":1}',
      ATTUNE_CONTEXT_NONE: 'null'
    })
  })

  it('omits ATTUNE_API_URL and the token unless given', () => {
    const env = buildContextEnv({ executionId: 'x', actionRef: 'a.b', packRef: 'a', context: ['not', 'a', 'mapping'] })
    expect(Object.keys(env).sort()).toEqual(['ATTUNE_ACTION', 'ATTUNE_EXEC_ID', 'ATTUNE_PACK_REF'])
    expect(buildContextEnv({ executionId: 1, actionRef: 'a.b', packRef: 'a', apiToken: 'jwt' }).ATTUNE_API_TOKEN).toBe('jwt')
  })

  it('rewrites wildcard hosts to loopback', () => {
    expect(loopbackUrl('http://[::]:80/x')).toBe('http://127.0.0.1:80/x')
    expect(loopbackUrl('https://api.example.com')).toBe('https://api.example.com')
  })
})
