import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { ActionDefinition } from '../../../shared/domain/pack'
import { CATALOG_DIR } from '../../../../test-support/env-machine'
import { readRuntimeDirSync } from '../catalog/catalog-loader'
import type { RuntimeRecord } from '../store/runtime-repository'
import type { RuntimeVersionRecord } from '../store/runtime-version-repository'
import { createTempDir } from '../store/test-support/temp-dir'
import { planPackEnvs, requirementProfiles, versionQualifies, type PlanInputs, type RequirementProfile } from './env-plan'

/** The built-in catalog as the repositories would return it: every version available and enabled. */
const catalog = readRuntimeDirSync(CATALOG_DIR)
const RUNTIMES: RuntimeRecord[] = catalog.definitions.map((definition, index) => ({
  id: index + 1,
  ref: definition.ref,
  packRef: definition.packRef,
  name: definition.name,
  description: definition.description,
  aliases: definition.aliases,
  distributions: definition.distributions,
  installation: definition.installation,
  executionConfig: definition.executionConfig,
  origin: 'catalog',
  sourceFile: definition.file,
  available: true,
  verifiedAt: 'then',
  verification: null,
  reason: null
}))
const VERSIONS: RuntimeVersionRecord[] = catalog.definitions.flatMap((definition, index) =>
  definition.versions.map((version, position) => ({
    id: (index + 1) * 100 + position,
    runtimeId: index + 1,
    runtimeRef: definition.ref,
    version: version.version,
    major: null,
    minor: null,
    patch: null,
    executionConfig: version.executionConfig,
    distributions: version.distributions,
    isDefault: version.isDefault,
    available: true,
    verifiedAt: 'then',
    meta: version.meta,
    enabled: true,
    interpreter: `/opt/bin/${version.executionConfig.interpreter?.binary ?? 'none'}`,
    source: 'path',
    sourceDetail: null,
    verification: null,
    reason: null
  }))
)

function runtime(ref: string): RuntimeRecord {
  const found = RUNTIMES.find((candidate) => candidate.ref === ref)
  if (!found) throw new Error(`${ref} is not in the catalog`)
  return found
}

function act(name: string, runtimeRef: string | null, runtimeVersion: string | null = null, requiredWorkerRuntimes: Record<string, string> = {}): ActionDefinition {
  return {
    ref: `demo.${name}`,
    name,
    label: null,
    description: null,
    file: `/packs/demo/actions/${name}.yaml`,
    entryPoint: `${name}.py`,
    entryPath: null,
    runnerType: runtimeRef ?? 'unknown',
    runtimeRef,
    runtimeVersion,
    requiredWorkerRuntimes,
    parameters: {},
    output: null,
    parameterDelivery: 'stdin',
    parameterFormat: 'json',
    outputFormat: 'text',
    timeoutSeconds: null,
    enabled: true
  }
}

const temp = createTempDir('attune-env-plan-')
afterAll(() => temp.dispose())

/** A pack folder with the given files (manifests decide whether an env without `environment` is planned). */
function packDir(name: string, files: Record<string, string> = {}): string {
  const dir = temp.path(name)
  mkdirSync(dir, { recursive: true })
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content)
  return dir
}

function plan(actions: ActionDefinition[], change: Partial<PlanInputs> & { versions?: (row: RuntimeVersionRecord) => RuntimeVersionRecord } = {}): string[] {
  const { versions = (row) => row, ...rest } = change
  const specs = planPackEnvs({
    pack: { ref: 'demo', dir: packDir('demo', { 'requirements.txt': 'x\n' }) },
    actions,
    runtimes: RUNTIMES,
    versionsOf: (r) => VERSIONS.filter((row) => row.runtimeId === r.id).map(versions),
    runtimeEnvsDir: '/envs',
    locate: (command) => `/usr/bin/${command}`,
    ...rest
  })
  return specs.map((spec) => spec.envDir)
}

function summary(profiles: RequirementProfile[]): [string, string[], boolean][] {
  return profiles.map((profile) => [profile.runtime.ref, [...profile.constraints], profile.anyVersion])
}

describe('requirementProfiles (spec §4.6)', () => {
  it('collects one constraint per constrained action, deduplicated, and any-version for an unconstrained one', () => {
    expect(summary(requirementProfiles([act('a', 'core.python', '>=3.12'), act('b', 'core.python', '>=3.12'), act('c', 'core.python', '~3.11')], RUNTIMES))).toEqual([
      ['core.python', ['>=3.12', '~3.11'], false]
    ])
    expect(summary(requirementProfiles([act('a', 'core.python', '>=3.12'), act('b', 'core.python')], RUNTIMES))).toEqual([['core.python', ['>=3.12'], true]])
    expect(summary(requirementProfiles([act('a', 'core.python', '   ')], RUNTIMES))).toEqual([['core.python', [], true]])
  })

  it('resolves required_worker_runtimes by alias, then name, then ref; "*" means any version', () => {
    const profiles = requirementProfiles(
      [act('a', null, null, { nodejs: '>=20' }), act('b', null, null, { 'Node.js': '18' }), act('c', null, null, { 'core.python': '*' }), act('d', null, null, { cobol: '1' })],
      RUNTIMES
    )
    expect(summary(profiles)).toEqual([
      ['core.nodejs', ['>=20', '18'], false],
      ['core.python', [], true]
    ])
  })

  it('env_setup.rs collect_runtime_requirements: an action\'s "*" is a constraint (no pre-releases), a required runtime\'s "*" is any version', () => {
    expect(summary(requirementProfiles([act('a', 'core.python', ' * ')], RUNTIMES))).toEqual([['core.python', ['*'], false]])
    expect(summary(requirementProfiles([act('a', null, null, { python: ' * ' })], RUNTIMES))).toEqual([['core.python', [], true]])
    expect(versionQualifies('3.14.0-rc.1', { runtime: runtime('core.python'), constraints: ['*'], anyVersion: false })).toBe(false)
    expect(versionQualifies('3.13', { runtime: runtime('core.python'), constraints: ['*'], anyVersion: false })).toBe(true)
  })

  it('normalises required_worker_runtimes names as runtime_detection.rs normalize_runtime_name', () => {
    const profiles = requirementProfiles([act('a', null, null, { '\u0085Python3 ': '>=3.12' }), act('b', null, null, { NODEJS: '20' })], RUNTIMES)
    expect(summary(profiles)).toEqual([
      ['core.python', ['>=3.12'], false],
      ['core.nodejs', ['20'], false]
    ])
  })

  it('skips actions that use no runtime', () => {
    expect(requirementProfiles([act('a', null)], RUNTIMES)).toEqual([])
  })
})

describe('versionQualifies', () => {
  const profile = (constraints: string[], anyVersion = false): RequirementProfile => ({ runtime: runtime('core.python'), constraints, anyVersion })
  it.each<[string, string[], boolean, boolean]>([
    ['3.12', ['>=3.12'], false, true],
    ['3.11', ['>=3.12'], false, false],
    ['3.11', ['>=3.12', '~3.11'], false, true],
    ['3.11', ['>=3.12'], true, true],
    ['3.11', [], false, true],
    ['3.11', ['not a constraint'], false, false]
  ])('%s for %j (any version: %s) → %s', (version, constraints, anyVersion, expected) => {
    expect(versionQualifies(version, profile(constraints, anyVersion))).toBe(expected)
  })
})

describe('planPackEnvs', () => {
  it('plans the base env and one env per qualifying version, with the spec’s dir names', () => {
    expect(plan([act('a', 'core.python')])).toEqual(['/envs/demo/python', '/envs/demo/python-3.11', '/envs/demo/python-3.12', '/envs/demo/python-3.13'])
    expect(plan([act('a', 'core.python', '>=3.12')])).toEqual(['/envs/demo/python', '/envs/demo/python-3.12', '/envs/demo/python-3.13'])
    expect(plan([act('a', 'core.nodejs', '20')])).toEqual(['/envs/demo/node.js', '/envs/demo/node.js-20'])
  })

  it('plans envs only for versions that are available and enabled here', () => {
    const only312 = (row: RuntimeVersionRecord): RuntimeVersionRecord =>
      row.version === '3.11' ? { ...row, available: false } : row.version === '3.13' ? { ...row, enabled: false } : row
    expect(plan([act('a', 'core.python')], { versions: only312 })).toEqual(['/envs/demo/python', '/envs/demo/python-3.12'])
  })

  it('always plans the base env of a runtime with an environment, even when no version qualifies', () => {
    expect(plan([act('a', 'core.python', '>=4')])).toEqual(['/envs/demo/python'])
    expect(plan([act('a', 'core.python')], { versions: (row) => ({ ...row, available: false }) })).toEqual(['/envs/demo/python'])
  })

  it('plans nothing for shell and native packs', () => {
    expect(plan([act('a', 'core.shell'), act('b', 'core.native')])).toEqual([])
  })

  it('plans the runtimes named only in required_worker_runtimes', () => {
    expect(plan([act('a', 'core.shell', null, { node: '>=22' })])).toEqual(['/envs/demo/node.js', '/envs/demo/node.js-22'])
  })

  it('plans a runtime without an environment only when its manifest exists (spec §4.6)', () => {
    const depsOnly: RuntimeRecord = {
      ...runtime('core.shell'),
      id: 99,
      ref: 'demo.tool',
      name: 'Tool',
      aliases: [],
      executionConfig: { interpreter: { binary: 'tool' }, dependencies: { manifest_file: 'tool.lock', install_command: ['tool', 'install'] } }
    }
    const inputs = { runtimes: [...RUNTIMES, depsOnly] }
    expect(plan([act('a', 'demo.tool')], inputs)).toEqual([])
    expect(plan([act('a', 'demo.tool')], { ...inputs, pack: { ref: 'demo', dir: packDir('with-lock', { 'tool.lock': '' }) } })).toEqual(['/envs/demo/tool'])
  })

  it('gives each env its version’s own config with the discovered interpreter substituted', () => {
    const specs = planPackEnvs({
      pack: { ref: 'demo', dir: packDir('demo') },
      actions: [act('a', 'core.python', '3.12')],
      runtimes: RUNTIMES,
      versionsOf: (r) => VERSIONS.filter((row) => row.runtimeId === r.id),
      runtimeEnvsDir: '/envs',
      locate: (command) => (command === 'python3' ? '/usr/bin/python3' : null)
    })
    expect(specs.map((spec) => [spec.version, spec.expectedInterpreter, spec.expectedVersion, spec.config.environment?.create_command?.[0], spec.config.environment?.interpreter_path])).toEqual([
      [null, '/usr/bin/python3', null, '/usr/bin/python3', '{env_dir}/bin/python3'],
      ['3.12', '/opt/bin/python3.12', '3.12', '/opt/bin/python3.12', '{env_dir}/bin/python3.12']
    ])
    expect(specs[1]).toMatchObject({ packRef: 'demo', runtimeRef: 'core.python', runtimeName: 'python', envDir: '/envs/demo/python-3.12' })
  })

  it('keeps the bare base command when PATH has no such interpreter', () => {
    const specs = planPackEnvs({
      pack: { ref: 'demo', dir: packDir('demo') },
      actions: [act('a', 'core.python', '>=4')],
      runtimes: RUNTIMES,
      versionsOf: () => [],
      runtimeEnvsDir: '/envs',
      locate: () => null
    })
    expect(specs.map((spec) => [spec.expectedInterpreter, spec.config.environment?.create_command?.[0]])).toEqual([[null, 'python3']])
  })
})
