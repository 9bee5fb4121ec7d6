import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { findOnPathSync } from '../src/main/core/discovery'
import { FakeMachine } from '../src/main/core/discovery/fake-machine'
import type { WorkbenchOptions } from '../src/main/core/workbench'

/**
 * A fake developer machine for runtime tests: a temp root whose `home/` is HOME, fake interpreters that
 * are real `#!/bin/sh` executables (see {@link FakeMachine}), and a `tools/` folder with the few real
 * utilities the fake scripts call (`sleep`), so PATH never needs `/usr/bin` and the machine's own
 * Pythons and Node stay invisible.
 */
export class RuntimeMachine {
  readonly fake: FakeMachine
  /** The data home for `openWorkbench` / `--home`. */
  readonly dataHome: string

  private constructor(fake: FakeMachine) {
    this.fake = fake
    this.dataHome = fake.path('data')
    fake.dir('tools')
    for (const tool of ['sleep']) {
      const real = findOnPathSync(tool, '/usr/bin:/bin')
      if (real === null) throw new Error(`test support needs '${tool}' in /usr/bin or /bin`)
      symlinkSync(real, fake.path(`tools/${tool}`))
    }
  }

  static create(): RuntimeMachine {
    return new RuntimeMachine(FakeMachine.create())
  }

  get root(): string {
    return this.fake.root
  }

  get home(): string {
    return this.fake.home
  }

  path(relative: string): string {
    return this.fake.path(relative)
  }

  /** A fake Python printing `Python <version>`; `relative` is under the machine root. */
  python(relative: string, version: string): string {
    return this.fake.python(relative, version)
  }

  /** A fake Node.js printing `v<version>`. */
  node(relative: string, version: string): string {
    return this.fake.node(relative, version)
  }

  /** A pyenv installation: `home/.pyenv/versions/<version>/bin/python<major.minor>` (plus `python3`). */
  pyenvPython(version: string): string {
    const minor = version.split('.').slice(0, 2).join('.')
    const path = this.python(`home/.pyenv/versions/${version}/bin/python${minor}`, version)
    this.fake.symlink(`home/.pyenv/versions/${version}/bin/python3`, `python${minor}`)
    return path
  }

  /** An nvm installation: `home/.nvm/versions/node/v<version>/bin/node`. */
  nvmNode(version: string): string {
    return this.node(`home/.nvm/versions/node/v${version}/bin/node`, version)
  }

  /** A pyenv shims folder whose launchers exit 127 like pyenv's for a version that is not active. */
  pyenvShims(names: readonly string[]): string {
    for (const name of names) {
      this.fake.executable(`home/.pyenv/shims/${name}`, { stderr: `pyenv: ${name}: command not found`, exitCode: 127 }, `shim:${name}`)
    }
    return this.path('home/.pyenv/shims')
  }

  /** A raw `#!/bin/sh` script (body without the shebang) that logs its tag to the call log first. */
  script(relative: string, body: string, tag: string = relative): string {
    const log = `echo '${tag}' >> '${this.fake.callLog}'`
    return this.fake.file(relative, `#!/bin/sh\n${log}\n${body}\n`, 0o755)
  }

  /** How often the fake tagged `tag` (default: its relative path) ran. */
  calls(tag: string): number {
    return this.fake.calls(tag)
  }

  totalCalls(): number {
    return this.fake.totalCalls()
  }

  /** Forget the calls so far. */
  resetCalls(): void {
    writeFileSync(this.fake.callLog, '')
  }

  callLog(): string {
    return readFileSync(this.fake.callLog, 'utf8')
  }

  /**
   * The engine environment: HOME is the fake home, PATH is the given folders (relative to the root)
   * followed by `tools/`; `extra` adds variables (e.g. a canary that must not reach probes).
   */
  env(pathDirs: readonly string[], extra: Readonly<Record<string, string>> = {}): Record<string, string> {
    return { HOME: this.home, PATH: [...pathDirs.map((dir) => this.path(dir)), this.path('tools')].join(':'), ...extra }
  }

  /** Discovery confined to the machine: no /usr/bin, /usr/local/bin or real Homebrew. */
  get discovery(): NonNullable<WorkbenchOptions['discovery']> {
    return { systemDirs: [this.path('sys')], homebrewPrefixes: [this.path('brew')] }
  }

  /** Options for `openWorkbench` / `runCli` on this machine with the test catalog. */
  workbenchOptions(extra: Partial<Omit<WorkbenchOptions, 'home' | 'env'>> = {}): Omit<WorkbenchOptions, 'home' | 'env'> {
    return { catalogDir: writeTestCatalog(this.path('catalog')), discovery: this.discovery, ...extra }
  }

  dispose(): void {
    this.fake.dispose()
  }
}

/** A verification command entry of the test catalog. */
function command(binary: string, pattern: string, priority: number): string {
  return `{binary: ${binary}, args: ["--version"], exit_code: 0, pattern: '${pattern}', priority: ${priority}}`
}

/**
 * Write the test catalog (the built-in core.python and core.nodejs reduced to what verification and
 * selection read, plus core.shell without versions) into `dir`; returns `dir`.
 */
export function writeTestCatalog(dir: string): string {
  const python = (version: string, isDefault: boolean): string => `
  - version: "${version}"
    is_default: ${isDefault}
    distributions:
      verification:
        commands:
          - ${command(`python${version}`, `Python ${version.replace('.', '\\.')}\\.`, 1)}
    execution_config:
      interpreter: {binary: python${version}, args: ["-u"], file_extension: .py}`
  const node = (major: string, isDefault: boolean): string => `
  - version: "${major}"
    is_default: ${isDefault}
    distributions:
      verification:
        commands:
          - ${command(`node${major}`, `v${major}\\.`, 1)}
          - ${command('node', `v${major}\\.`, 2)}
    execution_config:
      interpreter: {binary: node${major}, args: [], file_extension: .js}`
  const files: Record<string, string> = {
    'python.yaml': `ref: core.python
pack_ref: core
name: Python
aliases: [python, python3]
distributions:
  verification:
    commands:
      - ${command('python3', 'Python 3\\.', 1)}
execution_config:
  interpreter: {binary: python3, args: ["-u"], file_extension: .py}
versions:${python('3.11', false)}${python('3.12', true)}${python('3.13', false)}
`,
    'nodejs.yaml': `ref: core.nodejs
pack_ref: core
name: Node.js
aliases: [node, nodejs, node.js]
distributions:
  verification:
    commands:
      - ${command('node', 'v\\d+\\.', 1)}
execution_config:
  interpreter: {binary: node, args: [], file_extension: .js}
versions:${node('18', false)}${node('20', true)}${node('22', false)}
`,
    'shell.yaml': `ref: core.shell
pack_ref: core
name: Shell
aliases: [shell, bash, sh]
distributions:
  verification:
    always_available: true
execution_config:
  interpreter: {binary: /bin/sh, args: [], file_extension: .sh}
`
  }
  mkdirSync(dir, { recursive: true })
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}
