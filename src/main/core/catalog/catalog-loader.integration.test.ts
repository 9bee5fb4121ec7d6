import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabaseSync, type Db } from '../store/database'
import { RuntimeRepository } from '../store/runtime-repository'
import { RuntimeVersionRepository } from '../store/runtime-version-repository'
import { createTempDir, type TempDir } from '../store/test-support/temp-dir'
import { applyRuntimeDefinitions, readRuntimeDirSync } from './catalog-loader'
import type { RuntimeDefinition } from './runtime-yaml'

const builtinDir = fileURLToPath(new URL('../../../../resources/runtimes', import.meta.url))

let temp: TempDir

beforeEach(() => {
  temp = createTempDir('attune-catalog-')
})
afterEach(() => {
  temp.dispose()
})

function write(name: string, content: string | Buffer): string {
  const file = temp.path('runtimes', name)
  mkdirSync(temp.path('runtimes'), { recursive: true })
  writeFileSync(file, content)
  return file
}

function byRef(definitions: readonly RuntimeDefinition[], ref: string): RuntimeDefinition {
  const found = definitions.find((d) => d.ref === ref)
  if (!found) throw new Error(`${ref} not loaded`)
  return found
}

describe('the built-in catalog (resources/runtimes)', () => {
  const { definitions, problems } = readRuntimeDirSync(builtinDir)

  it('loads with zero problems, the nine runtimes of the platform catalog in file-name order', () => {
    expect(problems).toEqual([])
    expect(definitions.map((d) => d.ref)).toEqual(['core.go', 'core.java', 'core.native', 'core.nodejs', 'core.perl', 'core.python', 'core.r', 'core.ruby', 'core.shell'])
    for (const definition of definitions) expect(definition.packRef).toBe('core')
  })

  it('core.python: 3.11, 3.12 (default), 3.13, each a complete config with its own interpreter', () => {
    const python = byRef(definitions, 'core.python')
    expect(python).toMatchObject({ name: 'Python', aliases: ['python', 'python3'] })
    expect(python.distributions).toMatchObject({ min_version: '3.8', recommended_version: '3.12' })
    expect(python.versions.map((v) => [v.version, v.isDefault])).toEqual([
      ['3.11', false],
      ['3.12', true],
      ['3.13', false]
    ])
    for (const { version, executionConfig, distributions } of python.versions) {
      const binary = `python${version}`
      expect(executionConfig).toEqual({
        interpreter: { binary, args: ['-u'], file_extension: '.py' },
        environment: {
          env_type: 'virtualenv',
          dir_name: '.venv',
          create_command: [binary, '-m', 'venv', '--copies', '{env_dir}'],
          interpreter_path: `{env_dir}/bin/${binary}`
        },
        dependencies: { manifest_file: 'requirements.txt', install_command: ['{interpreter}', '-m', 'pip', 'install', '-r', '{manifest_path}'] },
        env_vars: { PYTHONPATH: { operation: 'prepend', value: '{pack_dir}/lib', separator: ':' } }
      })
      expect(distributions).toEqual({
        verification: { commands: [{ binary, args: ['--version'], exit_code: 0, pattern: `Python 3\\.${version.split('.')[1]}\\.`, priority: 1 }] }
      })
    }
  })

  it('core.python: the runtime-level config and verification of spec §1.11', () => {
    const python = byRef(definitions, 'core.python')
    expect(python.executionConfig.interpreter).toEqual({ binary: 'python3', args: ['-u'], file_extension: '.py' })
    expect(python.executionConfig.environment?.interpreter_path).toBe('{env_dir}/bin/python3')
    expect((python.distributions.verification as { commands: unknown[] }).commands).toEqual([
      { binary: 'python3', args: ['--version'], exit_code: 0, pattern: 'Python 3\\.', priority: 1 },
      { binary: 'python', args: ['--version'], exit_code: 0, pattern: 'Python 3\\.', priority: 2 }
    ])
  })

  it('core.nodejs: 18, 20 (default), 22 with node18/node20/node22, no env interpreter, LTS meta', () => {
    const node = byRef(definitions, 'core.nodejs')
    expect(node).toMatchObject({ name: 'Node.js', aliases: ['node', 'nodejs', 'node.js'] })
    expect(node.distributions).toMatchObject({ min_version: '16.0.0', recommended_version: '20.0.0' })
    expect(node.versions.map((v) => [v.version, v.isDefault, v.meta])).toEqual([
      ['18', false, { lts_codename: 'hydrogen', eol: '2025-04-30' }],
      ['20', true, { lts_codename: 'iron', eol: '2026-04-30' }],
      ['22', false, { lts_codename: 'jod', eol: '2027-04-30' }]
    ])
    for (const { version, executionConfig, distributions } of node.versions) {
      expect(executionConfig).toEqual({
        interpreter: { binary: `node${version}`, args: [], file_extension: '.js' },
        environment: {
          env_type: 'node_modules',
          dir_name: 'node_modules',
          create_command: ['sh', '-c', 'mkdir -p {env_dir} && cp {manifest_path} {env_dir}/ 2>/dev/null || true'],
          interpreter_path: null
        },
        dependencies: { manifest_file: 'package.json', install_command: ['npm', 'install', '--prefix', '{env_dir}'] },
        env_vars: { NODE_PATH: '{env_dir}/node_modules' }
      })
      expect(distributions).toEqual({
        verification: {
          commands: [
            { binary: `node${version}`, args: ['--version'], exit_code: 0, pattern: `v${version}\\.`, priority: 1 },
            { binary: 'node', args: ['--version'], exit_code: 0, pattern: `v${version}\\.`, priority: 2 }
          ]
        }
      })
    }
  })

  it('core.shell: no versions, always available, /bin/bash with temp-file inline execution and shell helpers', () => {
    const shell = byRef(definitions, 'core.shell')
    expect(shell).toMatchObject({ name: 'Shell', aliases: ['shell', 'bash', 'sh'], versions: [] })
    expect(shell.distributions.verification).toMatchObject({ always_available: true })
    expect(shell.executionConfig).toEqual({
      interpreter: { binary: '/bin/bash', args: [], file_extension: '.sh' },
      inline_execution: { strategy: 'temp_file', extension: '.sh', inject_shell_helpers: true }
    })
  })

  // platform_catalog/runtimes/{go,java,perl,r,ruby}.yaml: unversioned, each with its env type and manifest.
  it.each([
    ['core.go', 'Go', ['go', 'golang'], 'go', '.go', 'gopath', 'go.mod', { GOPATH: '{env_dir}', GOMODCACHE: '{env_dir}/pkg/mod' }],
    ['core.java', 'Java', ['java', 'jdk', 'openjdk'], 'java', '.java', null, null, undefined],
    ['core.perl', 'Perl', ['perl', 'perl5'], 'perl', '.pl', 'local_lib', 'cpanfile', { PERL5LIB: '{env_dir}/lib/perl5', PERL_LOCAL_LIB_ROOT: '{env_dir}' }],
    ['core.r', 'R', ['r', 'rscript'], 'Rscript', '.R', 'renv', 'renv.lock', { R_LIBS_USER: '{env_dir}/library' }],
    ['core.ruby', 'Ruby', ['ruby', 'rb'], 'ruby', '.rb', 'gem_home', 'Gemfile', { GEM_HOME: '{env_dir}/gems', GEM_PATH: '{env_dir}/gems', BUNDLE_PATH: '{env_dir}/gems' }]
  ] as const)('%s: %s, unversioned, interpreter and env as the worker defines them', (ref, name, aliases, binary, extension, envType, manifest, envVars) => {
    const runtime = byRef(definitions, ref)
    expect(runtime).toMatchObject({ name, aliases: [...aliases], versions: [] })
    const config = runtime.executionConfig
    expect(config.interpreter).toMatchObject({ binary, file_extension: extension })
    expect(config.environment?.env_type ?? null).toBe(envType)
    expect(config.environment?.interpreter_path ?? null).toBeNull()
    expect(config.dependencies?.manifest_file ?? null).toBe(manifest)
    expect(config.env_vars).toEqual(envVars)
    const verification = (runtime.distributions as { verification: { commands: { binary: string }[] } }).verification
    expect(verification.commands.map((command) => command.binary)).toEqual([binary === 'Rscript' ? 'Rscript' : binary])
  })

  it('core.native: no versions and an empty execution_config', () => {
    const native = byRef(definitions, 'core.native')
    expect(native).toMatchObject({ name: 'Native', aliases: ['native', 'builtin', 'standalone'], versions: [], executionConfig: {} })
    expect(native.distributions.verification).toEqual({ always_available: true, check_required: false })
  })
})

describe('readRuntimeDirSync on a folder with bad files', () => {
  const good = 'ref: mypack.good\nversions:\n  - version: "1.0"\n'

  it('reports each bad file by name, field and line, and still loads the good ones', () => {
    write('a-good.yaml', good)
    const syntax = write('b-syntax.yaml', 'ref: mypack.b\nversions: [\n')
    const list = write('c-list.yaml', '- ref: mypack.c\n')
    const noRef = write('d-noref.yaml', 'name: D\n')
    const upper = write('e-upper.yaml', 'ref: MyPack.E\n')
    const numeric = write('f-numeric.yaml', 'ref: mypack.f\nversions:\n  - version: "3.9"\n  - version: 3.10\n')
    const dup = write('g-dupversion.yaml', 'ref: mypack.g\nversions:\n  - version: "1"\n  - version: "1"\n')
    const env = write('h-env.yaml', 'ref: mypack.h\nexecution_config:\n  interpreter: {binary: h}\n  environment:\n    dir_name: .venv\n')
    const reserved = write('i-reserved.yaml', 'ref: mypack.i\nexecution_config:\n  env_vars:\n    ATTUNE_X: "1"\n    KEEP: "2"\n')
    const types = write('j-types.yaml', 'ref: mypack.j\naliases: j\nexecution_config:\n  interpreter:\n    args: -u\n')
    const empty = write('k-empty.yaml', '')
    const binary = write('l-latin1.yaml', Buffer.concat([Buffer.from('ref: mypack.l\ndescription: caf'), Buffer.from([0xe9]), Buffer.from('\n')]))
    write('z-good.yml', 'ref: mypack.z\n')

    const { definitions, problems } = readRuntimeDirSync(temp.path('runtimes'))
    expect(definitions.map((d) => d.ref)).toEqual(['mypack.good', 'mypack.f', 'mypack.g', 'mypack.h', 'mypack.i', 'mypack.j', 'mypack.z'])

    const of = (file: string) => problems.filter((p) => p.file === file).map((p) => ({ field: p.field, line: p.line, message: p.message }))
    expect(of(syntax)[0]).toMatchObject({ field: null, line: expect.any(Number), message: expect.stringMatching(/^YAML syntax error/) })
    expect(of(list)).toEqual([{ field: null, line: 1, message: expect.stringMatching(/must be a mapping/) }])
    expect(of(noRef)).toEqual([{ field: 'ref', line: null, message: expect.stringMatching(/is required/) }])
    expect(of(upper)).toEqual([{ field: 'ref', line: 1, message: expect.stringMatching(/lower-case/) }])
    expect(of(numeric)).toEqual([{ field: 'versions[1].version', line: 4, message: expect.stringContaining('quote it: "3.10"') }])
    expect(of(dup)).toEqual([{ field: 'versions[1].version', line: 4, message: expect.stringMatching(/listed twice/) }])
    expect(of(env)).toEqual([
      { field: 'execution_config.environment.env_type', line: 4, message: expect.stringMatching(/whole execution_config is ignored \(treated as \{\}\)/) }
    ])
    expect(of(reserved)).toEqual([{ field: 'execution_config.env_vars.ATTUNE_X', line: 4, message: expect.stringMatching(/reserved/) }])
    expect(of(types).map((p) => [p.field, p.line])).toEqual([
      ['aliases', 2],
      ['execution_config.interpreter.args', 5]
    ])
    expect(of(empty)).toEqual([{ field: null, line: null, message: expect.stringMatching(/empty/) }])
    expect(of(binary)).toEqual([{ field: null, line: null, message: expect.stringMatching(/not UTF-8/) }])
    expect(problems.every((p) => p.severity === 'error')).toBe(true)
    expect(problems).toHaveLength(12)

    expect(byRef(definitions, 'mypack.h').executionConfig).toEqual({})
    expect(byRef(definitions, 'mypack.i').executionConfig).toEqual({ env_vars: { KEEP: '2' } })
    expect(byRef(definitions, 'mypack.f').versions.map((v) => v.version)).toEqual(['3.9'])
  })

  it('skips the second file defining the same ref, naming both files and the ref line', () => {
    const first = write('a.yaml', 'ref: mypack.python\nname: First\n')
    const second = write('b.yaml', '# the same runtime again\nname: Second\nref: mypack.python\n')
    const { definitions, problems } = readRuntimeDirSync(temp.path('runtimes'))
    expect(definitions.map((d) => [d.ref, d.name, d.file])).toEqual([['mypack.python', 'First', first]])
    expect(problems).toEqual([
      { file: second, field: 'ref', line: 3, severity: 'error', message: `'mypack.python' is already defined in ${first}; this file is skipped` }
    ])
  })

  it('reads .yaml and .yml in name order, any case, and ignores other files', () => {
    write('b.yml', 'ref: x.b\n')
    write('a.YAML', 'ref: x.a\n')
    write('README.md', 'ref: x.readme\n')
    write('c.yaml.bak', 'ref: x.bak\n')
    const { definitions, problems } = readRuntimeDirSync(temp.path('runtimes'))
    expect(problems).toEqual([])
    expect(definitions.map((d) => d.ref)).toEqual(['x.a', 'x.b'])
  })

  it('accepts a UTF-8 byte order mark and non-ASCII text', () => {
    write('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('ref: x.bom\ndescription: café ✓\n')]))
    const { definitions, problems } = readRuntimeDirSync(temp.path('runtimes'))
    expect(problems).toEqual([])
    expect(definitions.map((d) => [d.ref, d.description])).toEqual([['x.bom', 'café ✓']])
  })

  it('reports a folder entry named like a YAML file that cannot be read', () => {
    write('a.yaml', 'ref: x.a\n')
    mkdirSync(temp.path('runtimes', 'dir.yaml'))
    const { definitions, problems } = readRuntimeDirSync(temp.path('runtimes'))
    expect(definitions.map((d) => d.ref)).toEqual(['x.a'])
    expect(problems).toEqual([
      { file: temp.path('runtimes', 'dir.yaml'), field: null, line: null, severity: 'error', message: expect.stringMatching(/^cannot read: .*EISDIR/) }
    ])
  })

  it.skipIf(process.getuid?.() === 0)('reports a file it has no permission to read', () => {
    const file = write('secret.yaml', 'ref: x.secret\n')
    chmodSync(file, 0o000)
    const { definitions, problems } = readRuntimeDirSync(temp.path('runtimes'))
    expect(definitions).toEqual([])
    expect(problems).toEqual([{ file, field: null, line: null, severity: 'error', message: expect.stringMatching(/^cannot read: .*EACCES/) }])
  })

  it('reports a folder that does not exist', () => {
    const dir = temp.path('nowhere')
    expect(readRuntimeDirSync(dir)).toEqual({
      definitions: [],
      problems: [{ file: dir, field: null, line: null, severity: 'error', message: expect.stringMatching(/^cannot read the runtimes folder: .*ENOENT/) }]
    })
  })

  it('reports a "folder" that is a file', () => {
    const file = write('not-a-folder', 'x')
    const { definitions, problems } = readRuntimeDirSync(file)
    expect(definitions).toEqual([])
    expect(problems).toEqual([{ file, field: null, line: null, severity: 'error', message: expect.stringMatching(/ENOTDIR/) }])
  })

  it.skipIf(process.getuid?.() === 0)('reports a folder it has no permission to list', () => {
    write('a.yaml', 'ref: x.a\n')
    chmodSync(temp.path('runtimes'), 0o000)
    try {
      const { problems } = readRuntimeDirSync(temp.path('runtimes'))
      expect(problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/EACCES/) })])
    } finally {
      chmodSync(temp.path('runtimes'), 0o755)
    }
  })
})

describe('applyRuntimeDefinitions (spec §1.11 loader semantics)', () => {
  let db: Db
  let runtimes: RuntimeRepository
  let versions: RuntimeVersionRepository

  beforeEach(() => {
    db = openDatabaseSync(temp.path('home', 'attune.db'))
    runtimes = new RuntimeRepository(db)
    versions = new RuntimeVersionRepository(db)
  })
  afterEach(() => {
    if (db.open) db.close()
  })

  function apply(definitions: readonly RuntimeDefinition[], origin: 'catalog' | 'pack' = 'catalog'): void {
    applyRuntimeDefinitions({ runtimes, versions, transaction: (fn) => db.transaction(fn)() }, definitions, origin)
  }

  function load(name: string, text: string): RuntimeDefinition[] {
    write(name, text)
    const { definitions, problems } = readRuntimeDirSync(temp.path('runtimes'))
    expect(problems).toEqual([])
    return definitions
  }

  function active(ref: string) {
    const runtime = runtimes.findByRef(ref)
    if (!runtime) throw new Error(`${ref} not active`)
    return versions.listByRuntime(runtime.id)
  }

  const pythonYaml = (list: string[]) =>
    `ref: mypack.python\nname: Python\nversions:\n${list.map((v) => `  - version: "${v}"\n    meta: {v: "${v}"}\n`).join('')}`

  it('writes the built-in catalog: runtimes, versions in repository order, components, unavailable until verified', () => {
    const { definitions } = readRuntimeDirSync(builtinDir)
    apply(definitions)
    expect(runtimes.list().map((r) => [r.ref, r.origin, r.sourceFile])).toEqual([
      ['core.go', 'catalog', `${builtinDir}/go.yaml`],
      ['core.java', 'catalog', `${builtinDir}/java.yaml`],
      ['core.native', 'catalog', `${builtinDir}/native.yaml`],
      ['core.nodejs', 'catalog', `${builtinDir}/nodejs.yaml`],
      ['core.perl', 'catalog', `${builtinDir}/perl.yaml`],
      ['core.python', 'catalog', `${builtinDir}/python.yaml`],
      ['core.r', 'catalog', `${builtinDir}/r.yaml`],
      ['core.ruby', 'catalog', `${builtinDir}/ruby.yaml`],
      ['core.shell', 'catalog', `${builtinDir}/shell.yaml`]
    ])
    expect(active('core.python').map((v) => [v.version, v.major, v.minor, v.patch, v.isDefault, v.available, v.enabled])).toEqual([
      ['3.13', 3, 13, null, false, false, true],
      ['3.12', 3, 12, null, true, false, true],
      ['3.11', 3, 11, null, false, false, true]
    ])
    expect(active('core.nodejs').map((v) => [v.version, v.major, v.minor, v.patch, v.runtimeRef])).toEqual([
      ['22', 22, null, null, 'core.nodejs'],
      ['20', 20, null, null, 'core.nodejs'],
      ['18', 18, null, null, 'core.nodejs']
    ])
    expect(active('core.shell')).toEqual([])
    expect(active('core.nodejs')[1]?.meta).toEqual({ lts_codename: 'iron', eol: '2026-04-30' })
    expect(active('core.python')[1]?.executionConfig.interpreter?.binary).toBe('python3.12')
  })

  it('is idempotent: applying the same catalog twice leaves the same rows', () => {
    const { definitions } = readRuntimeDirSync(builtinDir)
    apply(definitions)
    const before = db.prepare('SELECT id, runtime, version FROM runtime_version ORDER BY id').all()
    apply(definitions)
    expect(db.prepare('SELECT id, runtime, version FROM runtime_version ORDER BY id').all()).toEqual(before)
    expect(db.prepare('SELECT count(*) AS n FROM runtime').get()).toEqual({ n: 9 })
  })

  it('preserves available, verifiedAt, the verification outcome and enabled on reload, and takes new definitions', () => {
    apply(load('python.yaml', pythonYaml(['3.11', '3.12'])))
    const v312 = active('mypack.python').find((v) => v.version === '3.12')
    if (!v312) throw new Error('3.12 missing')
    versions.setVerification(v312.id, {
      available: true,
      interpreter: '/usr/bin/python3.12',
      source: 'path',
      sourceDetail: null,
      verification: null,
      reason: null
    })
    versions.setEnabled(v312.id, false)
    const verifiedAt = versions.findById(v312.id)?.verifiedAt
    expect(verifiedAt).not.toBeNull()

    apply(load('python.yaml', pythonYaml(['3.11', '3.12']).replace('meta: {v: "3.12"}', 'meta: {v: "changed"}')))
    const after = versions.findById(v312.id)
    expect(after).toMatchObject({ available: true, verifiedAt, enabled: false, interpreter: '/usr/bin/python3.12', meta: { v: 'changed' } })
  })

  it('retires versions missing from the YAML (not deleted) and reactivates them, with their state, when re-added', () => {
    apply(load('python.yaml', pythonYaml(['3.11', '3.12', '3.13'])))
    const old = active('mypack.python').find((v) => v.version === '3.11')
    if (!old) throw new Error('3.11 missing')
    versions.setVerification(old.id, { available: true, interpreter: '/x/python3.11', source: 'pyenv', sourceDetail: null, verification: null, reason: null })

    apply(load('python.yaml', pythonYaml(['3.12', '3.13'])))
    expect(active('mypack.python').map((v) => v.version)).toEqual(['3.13', '3.12'])
    const retired = db.prepare('SELECT version, retired_at FROM runtime_version WHERE id = ?').get(old.id) as { version: string; retired_at: string | null }
    expect(retired.version).toBe('3.11')
    expect(retired.retired_at).not.toBeNull()

    apply(load('python.yaml', pythonYaml(['3.11', '3.12', '3.13'])))
    expect(active('mypack.python').map((v) => v.version)).toEqual(['3.13', '3.12', '3.11'])
    expect(versions.findById(old.id)).toMatchObject({ available: true, interpreter: '/x/python3.11', source: 'pyenv' })
    expect(db.prepare('SELECT count(*) AS n FROM runtime_version').get()).toEqual({ n: 3 })
  })

  it('retires every version when the YAML drops the versions list', () => {
    apply(load('python.yaml', pythonYaml(['3.12'])))
    apply(load('python.yaml', 'ref: mypack.python\nname: Python\n'))
    expect(active('mypack.python')).toEqual([])
    expect(db.prepare('SELECT count(*) AS n FROM runtime_version WHERE retired_at IS NOT NULL').get()).toEqual({ n: 1 })
  })

  it('computes version components from the text as written', () => {
    apply(load('x.yaml', 'ref: x.lang\nversions:\n  - version: "3.12"\n  - version: "20"\n  - version: "1.2.3"\n  - version: "v2.0"\n  - version: "latest"\n'))
    expect(active('x.lang').map((v) => [v.version, v.major, v.minor, v.patch])).toEqual([
      ['20', 20, null, null],
      ['3.12', 3, 12, null],
      ['v2.0', 2, 0, null],
      ['1.2.3', 1, 2, 3],
      ['latest', null, null, null]
    ])
  })

  it('upserts the runtime by ref: reactivates a retired runtime and keeps its verification', () => {
    apply(load('python.yaml', pythonYaml(['3.12'])))
    const runtime = runtimes.findByRef('mypack.python')
    if (!runtime) throw new Error('missing')
    runtimes.setVerification(runtime.id, { available: true, verification: null, reason: null })
    runtimes.retireMissing({ origin: 'catalog' }, [])
    expect(runtimes.findByRef('mypack.python')).toBeNull()

    apply(load('python.yaml', pythonYaml(['3.12']).replace('name: Python', 'name: Python 3')))
    expect(runtimes.findByRef('mypack.python')).toMatchObject({ id: runtime.id, name: 'Python 3', available: true })
    expect(active('mypack.python').map((v) => v.version)).toEqual(['3.12'])
  })

  it('records the origin it is given', () => {
    apply(load('p.yaml', 'ref: mypack.tool\npack_ref: mypack\n'), 'pack')
    expect(runtimes.findByRef('mypack.tool')).toMatchObject({ origin: 'pack', packRef: 'mypack' })
  })

  it('writes all definitions in one transaction: a failure leaves nothing behind', () => {
    const [good] = load('a.yaml', pythonYaml(['3.12']))
    if (!good) throw new Error('missing')
    const bad: RuntimeDefinition = { ...good, ref: 'Not.Lower' }
    expect(() => apply([good, bad])).toThrow(/CHECK constraint failed/)
    expect(runtimes.list()).toEqual([])
    expect(db.prepare('SELECT count(*) AS n FROM runtime_version').get()).toEqual({ n: 0 })
  })
})
