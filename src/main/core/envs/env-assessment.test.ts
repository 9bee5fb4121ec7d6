import { describe, it, expect } from 'vitest'
import type { FileIdentity } from '../discovery'
import { assessEnv, type EnvFacts } from './env-assessment'
import type { EnvMetadata } from './env-records'
import type { HealthProbe } from './health-check'

const PYTHON: FileIdentity = { realPath: '/usr/bin/python3.12', size: 100, mtimeMs: 1, ino: 7 }
const SHA = 'a'.repeat(64)
const HEALTHY: HealthProbe = { path: '/e/bin/python3', identity: PYTHON, exitCode: 0, spawnError: null, version: '3.12.4', firstLine: 'Python 3.12.4' }
const METADATA: EnvMetadata = {
  format: 1,
  builtAt: '2026-01-01T00:00:00.000Z',
  builtBy: { path: '/usr/bin/python3.12', identity: PYTHON },
  manifestSha256: SHA,
  expectedVersion: '3.12',
  configHash: 'cfg',
  sizeBytes: 10,
  health: HEALTHY
}
const READY: EnvFacts = {
  configured: true,
  dirExists: true,
  interpreter: { kind: 'exists', path: '/e/bin/python3' },
  metadata: METADATA,
  failure: null,
  health: HEALTHY,
  expectedVersion: '3.12',
  expectedInterpreter: { path: '/usr/bin/python3.12', identity: PYTHON },
  configHash: 'cfg',
  deps: { manifestName: 'requirements.txt', sha256: SHA },
  marker: SHA,
  interruptedBuild: null
}
const FAILURE = { failedAt: 'now', error: 'Dependency installation failed (exit 1, stderr_bytes=9)', logFile: null, logTail: [] }

describe('assessEnv', () => {
  it.each<[string, Partial<EnvFacts>, string, string | RegExp | null, string]>([
    ['everything matches', {}, 'ready', null, 'none'],
    ['no environment configured', { configured: false }, 'ready', 'no environment configured', 'none'],
    ['no dir', { dirExists: false }, 'missing', 'not built yet', 'fresh'],
    ['no dir after a failed build', { dirExists: false, failure: FAILURE }, 'failed', /^last build failed: Dependency installation failed/, 'fresh'],
    ['no dir, interrupted build', { dirExists: false, interruptedBuild: '/e/.python.previous-1' }, 'missing', /interrupted build left/, 'fresh'],
    ['interpreter missing', { interpreter: { kind: 'missing', path: '/e/bin/python3' } }, 'broken', '/e/bin/python3 does not exist', 'fresh'],
    ['interpreter a dangling symlink', { interpreter: { kind: 'dangling', path: '/e/bin/python3', target: '/gone/python' } }, 'broken', /dangling symlink to \/gone\/python/, 'fresh'],
    ['broken stays broken after a failed build', { interpreter: { kind: 'missing', path: '/e/bin/python3' }, failure: FAILURE }, 'broken', '/e/bin/python3 does not exist', 'fresh'],
    ['no build record', { metadata: null }, 'broken', /no build record/, 'fresh'],
    ['interpreter does not run', { health: { ...HEALTHY, exitCode: -1, spawnError: 'not executable' } }, 'broken', /does not run \(not executable\)/, 'fresh'],
    ['interpreter reports another version', { health: { ...HEALTHY, version: '3.11.2' } }, 'broken', '/e/bin/python3 reports 3.11.2, expected 3.12', 'fresh'],
    ['expected interpreter gone', { expectedInterpreter: { path: '/usr/bin/python3.12', identity: null } }, 'stale', /no longer exists/, 'fresh'],
    [
      'expected interpreter resolves elsewhere',
      { expectedInterpreter: { path: '/usr/bin/python3.12', identity: { ...PYTHON, realPath: '/opt/py/bin/python3.12' } } },
      'stale',
      'the env was built by /usr/bin/python3.12, but /usr/bin/python3.12 now resolves to /opt/py/bin/python3.12',
      'fresh'
    ],
    ['expected interpreter upgraded in place', { expectedInterpreter: { path: '/usr/bin/python3.12', identity: { ...PYTHON, size: 101 } } }, 'stale', /replaced or upgraded/, 'fresh'],
    ['config changed', { configHash: 'other' }, 'stale', /execution_config changed/, 'fresh'],
    ['manifest changed', { marker: 'b'.repeat(64) }, 'stale', 'requirements.txt changed since the env was built', 'deps'],
    ['manifest never installed', { marker: null }, 'stale', 'requirements.txt was never installed into this env', 'deps'],
    ['stale after a failed rebuild stays stale', { marker: 'b'.repeat(64), failure: FAILURE }, 'stale', /changed since/, 'deps'],
    // process.rs setup_pack_environment_in_place: a failed install leaves the created venv; actions use it.
    ['venv kept by a failed install', { metadata: null, marker: null, failure: { ...FAILURE, keptEnv: true } }, 'failed', /created is kept and actions run with its interpreter/, 'deps'],
    ['kept venv whose interpreter went missing', { metadata: null, interpreter: { kind: 'missing', path: '/e/bin/python3' }, failure: { ...FAILURE, keptEnv: true } }, 'broken', /does not exist/, 'fresh'],
    ['failed build with unchanged inputs says it waits', { dirExists: false, failure: FAILURE, failureCurrent: true }, 'failed', /not rebuilt until its manifest, runtime config or interpreter changes/, 'fresh'],
    ['no installable manifest, no marker', { deps: null, marker: null }, 'ready', null, 'none'],
    ['no health target (no interpreter)', { health: null, interpreter: null }, 'ready', null, 'none'],
    ['no version expected', { expectedVersion: null, health: { ...HEALTHY, version: null } }, 'ready', null, 'none']
  ])('%s', (_name, change, status, reason, plan) => {
    const verdict = assessEnv({ ...READY, ...change })
    expect(verdict.status).toBe(status)
    expect(verdict.plan).toBe(plan)
    if (reason === null || typeof reason === 'string') expect(verdict.reason).toBe(reason)
    else expect(verdict.reason).toMatch(reason)
  })
})
