import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { diagnoseLine, diagnoseOutput } from './install-diagnosis'
import { readNetworkSettings, readPipConfig } from './network-settings'

function home(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'network-home-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

/** Only the files under `dir` exist: the machine's own /etc/pip.conf must not leak into these cases. */
const onlyUnder = (dir: string) => (path: string): string | null => {
  if (!path.startsWith(dir)) return null
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return null
  }
}

describe('readNetworkSettings', () => {
  it('passes the proxy and CA variables of the environment, nothing else of it', () => {
    const settings = readNetworkSettings(
      { HTTPS_PROXY: 'http://proxy:3128', no_proxy: 'localhost', NODE_EXTRA_CA_CERTS: '/ca.pem', SECRET_TOKEN: 'x', npm_config_nodedir: '/usr' },
      { readText: () => null }
    )
    expect(settings.env).toEqual({ HTTPS_PROXY: 'http://proxy:3128', NODE_EXTRA_CA_CERTS: '/ca.pem', no_proxy: 'localhost' })
    expect(settings.passed).toContainEqual({ name: 'NODE_EXTRA_CA_CERTS', source: 'environment' })
  })

  it("reads the registry, CA file, proxy and scoped registries of the user's .npmrc, never credentials", () => {
    const dir = home({
      '.npmrc': [
        'registry=https://npm.corp.example/',
        'cafile=/etc/corp-ca.pem',
        'https-proxy=http://proxy:3128',
        '@corp:registry=https://npm.corp.example/corp/',
        '//npm.corp.example/:_authToken=SECRET',
        'save-exact=true'
      ].join('\n')
    })
    const settings = readNetworkSettings({ HOME: dir }, { readText: onlyUnder(dir) })
    expect(settings.env).toEqual({
      'npm_config_@corp:registry': 'https://npm.corp.example/corp/',
      npm_config_cafile: '/etc/corp-ca.pem',
      npm_config_https_proxy: 'http://proxy:3128',
      npm_config_registry: 'https://npm.corp.example/'
    })
    expect(settings.passed.every((s) => s.source === join(dir, '.npmrc'))).toBe(true)
    expect(JSON.stringify(settings)).not.toContain('SECRET')
    expect(settings.notPassed).toEqual([`${join(dir, '.npmrc')}: //npm.corp.example/:_authToken (credentials are not passed)`])
  })

  it("reads pip's files in pip's order; the environment wins over every file", () => {
    const dir = home({
      '.pip/pip.conf': '[global]\nindex-url = https://old.example/simple\ntrusted-host = old.example\n',
      '.config/pip/pip.conf': '[global]\nindex-url = https://pypi.corp.example/simple\nextra-index-url =\n    https://a.example/simple\n    https://b.example/simple\n[install]\ntrusted-host: pypi.corp.example\n',
      'named.conf': '[global]\ncert = /named-ca.pem\n'
    })
    const settings = readNetworkSettings({ HOME: dir, PIP_CONFIG_FILE: join(dir, 'named.conf'), PIP_EXTRA_INDEX_URL: 'https://env.example/simple' }, { readText: onlyUnder(dir) })
    expect(settings.env).toEqual({
      PIP_CERT: '/named-ca.pem',
      PIP_EXTRA_INDEX_URL: 'https://env.example/simple',
      PIP_INDEX_URL: 'https://pypi.corp.example/simple',
      PIP_TRUSTED_HOST: 'pypi.corp.example'
    })
    expect(settings.passed).toContainEqual({ name: 'PIP_INDEX_URL', source: join(dir, '.config/pip/pip.conf') })
    expect(settings.passed).toContainEqual({ name: 'PIP_EXTRA_INDEX_URL', source: 'environment' })
  })

  it('reads no user files when the environment names no HOME', () => {
    const read: string[] = []
    readNetworkSettings({}, { readText: (path) => (read.push(path), null) })
    expect(read.every((path) => path.startsWith('/etc/'))).toBe(true)
  })
})

describe('readPipConfig', () => {
  it('keeps [global] and [install] network keys; [install] overrides; continuation lines join', () => {
    const text = '; comment\n[install]\nindex-url = https://install.example\n[global]\nindex-url=https://global.example\nfind-links =\n  /w1\n  /w2\nuser = true\n[freeze]\ntimeout = 5\n'
    expect(readPipConfig(text)).toEqual({ 'index-url': 'https://install.example', 'find-links': '/w1 /w2' })
  })
})

describe('install diagnosis', () => {
  it.each([
    ['npm http fetch GET https://registry.npmjs.org/x attempt 1 failed with SELF_SIGNED_CERT_IN_CHAIN', 'certificate', 'SELF_SIGNED_CERT_IN_CHAIN'],
    ["WARNING: Retrying ... SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed'))", 'certificate', 'CERTIFICATE_VERIFY_FAILED'],
    ['npm error code ENOTFOUND', 'network', 'ENOTFOUND'],
    ["Failed to establish a new connection: [Errno 111] Connection refused", 'network', 'Failed to establish a new connection'],
    ['npm error code ETIMEDOUT', 'network', 'ETIMEDOUT']
  ])('%s → %s', (line, kind, code) => {
    expect(diagnoseLine(line)).toMatchObject({ kind, code })
  })

  it('names the setting that fixes each kind', () => {
    expect(diagnoseLine('SELF_SIGNED_CERT_IN_CHAIN')?.message).toMatch(/NODE_EXTRA_CA_CERTS.*PIP_CERT/)
    expect(diagnoseLine('ENOTFOUND')?.message).toMatch(/HTTPS_PROXY.*registry/)
  })

  it('says nothing of ordinary failures; a certificate error outranks an earlier network one', () => {
    expect(diagnoseLine('ERROR: No matching distribution found for attune-sdk[sensor]>=0.1.0')).toBeNull()
    expect(diagnoseOutput(['ECONNRESET', 'unable to get local issuer certificate UNABLE_TO_GET_ISSUER_CERT_LOCALLY'])).toMatchObject({ kind: 'certificate' })
  })
})
