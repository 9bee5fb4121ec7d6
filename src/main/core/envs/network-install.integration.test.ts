import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { captureBaselineEnv } from '../commands/baseline-env'
import { buildEnv } from './build-env'
import { EnvTestRoot } from './env-test-kit'
import { readNetworkSettings } from './network-settings'
import { setupEnvironment } from './setup-env'
import type { RuntimeExecutionConfig } from '../../../shared/domain/execution-config'

/**
 * A fake npm behind a TLS-inspecting proxy: without NODE_EXTRA_CA_CERTS every fetch fails with
 * SELF_SIGNED_CERT_IN_CHAIN and npm retries for minutes (here: a line, then 60 s of silence); with it, the
 * install succeeds and records the variables it saw.
 */
const FAKE_NPM = `#!/bin/sh
if [ -z "$NODE_EXTRA_CA_CERTS" ]; then
  echo "npm http fetch GET https://registry.npmjs.org/is-number attempt 1 failed with SELF_SIGNED_CERT_IN_CHAIN" >&2
  sleep 60
  echo "npm error code SELF_SIGNED_CERT_IN_CHAIN" >&2
  exit 1
fi
mkdir -p "$1/node_modules" && env > "$1/install-env.txt"
echo "npm http fetch GET 200 https://registry.npmjs.org/is-number 12ms"
echo "added 1 package"
`

describe('dependency installs behind a proxy', () => {
  let root: EnvTestRoot
  let config: RuntimeExecutionConfig

  beforeAll(() => {
    root = EnvTestRoot.create()
    const npm = root.file('bin/npm', FAKE_NPM, 0o755)
    root.pack('demo', { 'package.json': '{"name":"demo","dependencies":{"is-number":"7.0.0"}}' })
    config = {
      interpreter: { binary: 'node', args: [], file_extension: '.js' },
      environment: { env_type: 'node_modules', dir_name: 'node_modules', create_command: ['mkdir', '-p', '{env_dir}'], interpreter_path: null },
      dependencies: { manifest_file: 'package.json', install_command: [npm, '{env_dir}'] }
    }
  })
  afterAll(() => root.dispose())

  const spec = (packRef: string) => root.spec({ packRef, runtimeRef: 'core.nodejs', runtimeName: 'node.js', config, expectedInterpreter: null, expectedVersion: null })
  const baselineEnv = captureBaselineEnv({ PATH: '/usr/bin:/bin', HOME: '/nonexistent' })

  it('without the CA setting: stopped soon after a certificate error, saying which setting fixes it', async () => {
    const started = Date.now()
    const network = readNetworkSettings({}, { readText: () => null })
    const result = await buildEnv(spec('demo'), { baselineEnv, logsDir: root.logs, network, certificateGraceMs: 1000 })
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(result.status).toBe('failed')
    expect(result.error).toMatch(/^Dependency installation failed: SELF_SIGNED_CERT_IN_CHAIN: .*NODE_EXTRA_CA_CERTS/)
    const log = readFileSync(result.logFile!, 'utf8')
    expect(log).toContain('network settings for setup commands: none found')
    expect(log).toContain('attempt 1 failed with SELF_SIGNED_CERT_IN_CHAIN')
    expect(log).toMatch(/stopped after [\d.]+ s: still running after a certificate error/)
  })

  it("with the user's CA bundle in the environment: installs, and the log names what was passed (not its value)", async () => {
    root.pack('demo2', { 'package.json': '{"name":"demo2"}' })
    const network = readNetworkSettings({ NODE_EXTRA_CA_CERTS: '/etc/ssl/corp-ca.pem', HTTPS_PROXY: 'http://user:pw@proxy:3128' }, { readText: () => null })
    const result = await buildEnv(spec('demo2'), { baselineEnv, logsDir: root.logs, network })
    expect(result.error).toBeNull()
    const seen = readFileSync(`${spec('demo2').envDir}/install-env.txt`, 'utf8')
    expect(seen).toContain('NODE_EXTRA_CA_CERTS=/etc/ssl/corp-ca.pem')
    expect(seen).toContain('npm_config_loglevel=http')
    const log = readFileSync(result.logFile!, 'utf8')
    expect(log).toContain('network settings for setup commands: HTTPS_PROXY (environment), NODE_EXTRA_CA_CERTS (environment)')
    expect(log).toContain('npm http fetch GET 200')
    expect(log).not.toContain('user:pw')
  })

  it('network settings reach setup commands only, never the baseline actions start from', () => {
    const userEnv = { PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: '/ca.pem', HTTPS_PROXY: 'http://proxy:3128' }
    expect(captureBaselineEnv(userEnv)).toEqual({ PATH: '/usr/bin' })
    const { env } = setupEnvironment(captureBaselineEnv(userEnv), config, {}, '/envs/x', 'linux', readNetworkSettings(userEnv, { readText: () => null }))
    expect(env).toMatchObject({ NODE_EXTRA_CA_CERTS: '/ca.pem', HTTPS_PROXY: 'http://proxy:3128', HOME: '/envs/x/.attune-setup' })
  })
})
