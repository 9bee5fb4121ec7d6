import { describe, expect, it } from 'vitest'
import { captureBaselineEnv, parsePassthrough, PASSTHROUGH_VARIABLE } from './baseline-env'

describe('captureBaselineEnv', () => {
  it('keeps only the allowlist of spec §5.5', () => {
    const env = { PATH: '/bin', HOME: '/h', LANG: 'C', LC_ALL: 'C', SECRET_TOKEN: 'x', PYTHONPATH: '/evil', ATTUNE_API_TOKEN: 't' }
    expect(captureBaselineEnv(env, 'linux')).toEqual({ PATH: '/bin', HOME: '/h', LANG: 'C', LC_ALL: 'C' })
  })

  it('adds the Windows names only on Windows', () => {
    expect(captureBaselineEnv({ SystemRoot: 'C:\\\\Windows' }, 'linux')).toEqual({})
    expect(captureBaselineEnv({ SystemRoot: 'C:\\\\Windows' }, 'win32')).toEqual({ SystemRoot: 'C:\\\\Windows' })
  })

  it('passes through the operator list and nothing reserved', () => {
    const env = { [PASSTHROUGH_VARIABLE]: 'HTTPS_PROXY, LD_LIBRARY_PATH,ATTUNE_API_TOKEN', HTTPS_PROXY: 'http://p', LD_LIBRARY_PATH: '/l', ATTUNE_API_TOKEN: 't' }
    expect(captureBaselineEnv(env, 'linux')).toEqual({ HTTPS_PROXY: 'http://p', LD_LIBRARY_PATH: '/l' })
  })
})

describe('parsePassthrough', () => {
  it('names each bad entry', () => {
    expect(parsePassthrough('A, B-C, ATTUNE_X, A,, 1X')).toEqual({
      names: ['A'],
      problems: [
        `${PASSTHROUGH_VARIABLE}: 'B-C' is not a variable name`,
        `${PASSTHROUGH_VARIABLE}: 'ATTUNE_X' is reserved (ATTUNE_*)`,
        `${PASSTHROUGH_VARIABLE}: 'A' is listed twice`,
        `${PASSTHROUGH_VARIABLE}: '1X' is not a variable name`
      ]
    })
    expect(parsePassthrough(undefined)).toEqual({ names: [], problems: [] })
  })
})
