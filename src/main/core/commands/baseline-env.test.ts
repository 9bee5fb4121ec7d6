import { describe, expect, it } from 'vitest'
import { captureBaselineEnv, parsePassthrough, PASSTHROUGH_VARIABLE, workerPath } from './baseline-env'

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

describe('workerPath (issue 9 finding 10)', () => {
  it('drops what npm run, npx and the Electron app put on PATH, keeping the rest in order', () => {
    const npmRun = [
      '/home/ada/src/attune-workbench/node_modules/.bin',
      '/home/ada/src/node_modules/.bin',
      '/home/ada/node_modules/.bin',
      '/home/node_modules/.bin',
      '/node_modules/.bin',
      '/home/ada/.nvm/versions/node/v22.1.0/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin',
      '/home/ada/.npm/_npx/1a2b3c/node_modules/.bin/',
      '/opt/Attune Workbench/resources',
      '/opt/Attune Workbench/resources/app.asar.unpacked/bin',
      '/home/ada/.local/bin',
      '/usr/local/bin',
      '/usr/bin',
      '/bin'
    ].join(':')
    expect(workerPath(npmRun, 'linux', '/opt/Attune Workbench/resources')).toBe('/home/ada/.local/bin:/usr/local/bin:/usr/bin:/bin')
    expect(workerPath('/srv/node-gyp-bin:/opt/resources2:/usr/bin', 'linux', '/opt/resources')).toBe('/srv/node-gyp-bin:/opt/resources2:/usr/bin')
  })

  it('reads Windows paths case-insensitively', () => {
    expect(workerPath('C:\\src\\app\\NODE_MODULES\\.bin;C:\\Windows\\system32', 'win32')).toBe('C:\\Windows\\system32')
  })

  it('is what the baseline PATH is, while npm_* variables never pass', () => {
    const env = { PATH: '/w/node_modules/.bin:/usr/bin', npm_lifecycle_event: 'cli', npm_config_prefix: '/p', npm_execpath: '/npm-cli.js' }
    expect(captureBaselineEnv(env, 'linux', null)).toEqual({ PATH: '/usr/bin' })
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
