import { existsSync, lstatSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, it, expect } from 'vitest'
import { captureBaselineEnv } from '../commands/baseline-env'
import { buildEnv, type BuildOptions } from './build-env'
import { DEPS_MARKER_FILE } from './env-layout'
import type { EnvSpec } from './env-spec'
import { countingRunner, EnvTestRoot, findNodeAndNpm, nodeConfig } from './env-test-kit'
import { inspectEnv } from './inspect-env'
import { sha256Hex } from './config-hash'

const found = findNodeAndNpm()
if ('skip' in found) console.warn(`skipping real npm tests: ${found.skip}`)
const describeNpm = 'skip' in found ? describe.skip : describe
const BASELINE = captureBaselineEnv(process.env)

/**
 * Real npm in the cleared setup environment (HOME redirected into the env, spec §4.5), installing local
 * packages by absolute `file:` paths so no registry is needed.
 */
describeNpm.sequential('node envs with real npm', () => {
  const { node, major } = found as { node: string; major: string }
  let root: EnvTestRoot
  let spec: EnvSpec
  const options = (extra: Partial<BuildOptions> = {}): BuildOptions => ({ baselineEnv: BASELINE, logsDir: root.logs, ...extra })
  const packageJson = (deps: Record<string, string>): string => JSON.stringify({ name: 'demo-pack', version: '1.0.0', dependencies: deps })
  const local = (name: string): string => `file:${join(root.root, 'local', name)}`

  beforeAll(() => {
    root = EnvTestRoot.create()
    for (const name of ['leftpad-local', 'second-local']) {
      root.file(`local/${name}/package.json`, JSON.stringify({ name, version: '1.0.0', main: 'index.js' }))
      root.file(`local/${name}/index.js`, `module.exports = ${JSON.stringify(name)}\n`)
    }
    root.pack('demo', { 'package.json': packageJson({ 'leftpad-local': local('leftpad-local') }) })
    spec = root.spec({ packRef: 'demo', runtimeRef: 'core.nodejs', runtimeName: 'node.js', version: major, config: nodeConfig(node), expectedInterpreter: node, expectedVersion: major })
  })
  afterAll(() => root.dispose())

  it('copies package.json and installs node_modules with the setup HOME', async () => {
    const result = await buildEnv(spec, options())

    expect(result.error).toBeNull()
    expect(result).toMatchObject({ status: 'ready', plan: 'fresh' })
    expect(spec.envDir).toBe(join(root.envs, 'demo', `node.js-${major}`))
    expect(lstatSync(join(spec.envDir, 'node_modules', 'leftpad-local')).isSymbolicLink() || existsSync(join(spec.envDir, 'node_modules', 'leftpad-local', 'index.js'))).toBe(true)
    expect(readFileSync(join(spec.envDir, DEPS_MARKER_FILE), 'utf8')).toBe(sha256Hex(readFileSync(join(spec.packDir, 'package.json'))))
    // npm's cache and logs went to the redirected HOME, not the user's.
    expect(existsSync(join(spec.envDir, '.attune-setup', '.npm'))).toBe(true)
    // Node has no interpreter_path: the configured node is the health check.
    expect(result.view).toMatchObject({ status: 'ready', interpreter: node })
  })

  it('does nothing on a second run', async () => {
    const { run, calls } = countingRunner()
    expect((await buildEnv(spec, options({ run }))).plan).toBe('none')
    expect((await inspectEnv(spec, options({ run }))).status).toBe('ready')
    expect(calls).toEqual([])
  })

  it('installs a changed package.json (re-running create on the copy, unlike the worker)', async () => {
    root.pack('demo', { 'package.json': packageJson({ 'leftpad-local': local('leftpad-local'), 'second-local': local('second-local') }) })
    expect((await inspectEnv(spec, options())).statusReason).toBe('package.json changed since the env was built')

    const result = await buildEnv(spec, options())

    expect(result).toMatchObject({ status: 'ready', plan: 'deps', error: null })
    expect(existsSync(join(spec.envDir, 'node_modules', 'second-local', 'index.js'))).toBe(true)
    expect(readFileSync(join(spec.envDir, 'package.json'), 'utf8')).toContain('second-local')
    expect(root.leftovers('demo')).toEqual([])
  })
})
