import { existsSync, readFileSync } from 'node:fs'
import { findOnPathSync } from '../discovery'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { catalogOptions, linkTools, writePack, type PackFiles } from '../../../../test-support/env-machine'
import { RuntimeMachine } from '../../../../test-support/runtime-machine'
import { openWorkbench, type Workbench } from '../workbench'

/**
 * The five runtimes of the platform catalog beyond Python, Node.js, Shell and Native (the worker's
 * `platform_catalog/runtimes/{go,java,perl,r,ruby}.yaml`): verification, env setup with the worker's own
 * create and install commands, and runs, with fake interpreters and dependency tools that are real
 * `#!/bin/sh` executables recording what they were given.
 */
let machine: RuntimeMachine
let workbench: Workbench | null

interface Case {
  readonly runner: string
  readonly ref: string
  /** The interpreter the catalog names, and what its verification command prints. */
  readonly binary: string
  readonly versionArgs: string
  readonly versionOutput: string
  readonly extension: string
  /** The dependency manifest, and the tool its install command runs (null: no env, no deps). */
  readonly manifest: string | null
  readonly installer: string | null
  /** The folder the create command makes inside the env dir, and the env vars the run sees. */
  readonly created: string | null
  readonly envVars: readonly string[]
}

const CASES: readonly Case[] = [
  { runner: 'go', ref: 'core.go', binary: 'go', versionArgs: 'version', versionOutput: 'go version go1.22.3 linux/amd64', extension: '.go', manifest: 'go.mod', installer: 'go', created: '', envVars: ['GOPATH={env}', 'GOMODCACHE={env}/pkg/mod'] },
  { runner: 'java', ref: 'core.java', binary: 'java', versionArgs: '-version', versionOutput: 'openjdk version "21.0.2" 2024-01-16', extension: '.java', manifest: null, installer: null, created: null, envVars: [] },
  { runner: 'perl', ref: 'core.perl', binary: 'perl', versionArgs: '--version', versionOutput: 'This is perl 5, version 38, subversion 0 (v5.38.0)', extension: '.pl', manifest: 'cpanfile', installer: 'cpanm', created: 'lib/perl5', envVars: ['PERL5LIB={env}/lib/perl5', 'PERL_LOCAL_LIB_ROOT={env}'] },
  { runner: 'r', ref: 'core.r', binary: 'Rscript', versionArgs: '--version', versionOutput: 'Rscript (R) version 4.4.0 (2024-04-24)', extension: '.R', manifest: 'renv.lock', installer: 'Rscript', created: 'library', envVars: ['R_LIBS_USER={env}/library'] },
  { runner: 'ruby', ref: 'core.ruby', binary: 'ruby', versionArgs: '--version', versionOutput: 'ruby 3.2.2 (2023-03-30 revision e51014f9c0) [x86_64-linux]', extension: '.rb', manifest: 'Gemfile', installer: 'bundle', created: 'gems', envVars: ['GEM_HOME={env}/gems', 'GEM_PATH={env}/gems', 'BUNDLE_PATH={env}/gems'] }
]

beforeEach(() => {
  machine = RuntimeMachine.create()
  linkTools(machine, ['sh', 'mkdir', 'env', 'grep', 'sort'])
  workbench = null
})
afterEach(() => {
  workbench?.close()
  machine.dispose()
})

/**
 * A fake interpreter: answers its version command (Java on stderr, as the JDK does), records installs
 * (args and cwd) to `install.txt` in the env, and otherwise prints its arguments and the runtime's
 * variables, so the run shows the file it was given and the env it saw.
 */
function fakeInterpreter(c: Case): void {
  const toStderr = c.binary === 'java' ? ' >&2' : ''
  machine.script(
    `bin/${c.binary}`,
    `if [ "$*" = "${c.versionArgs}" ]; then echo '${c.versionOutput}'${toStderr}; exit 0; fi
case "$*" in "mod download"|"-e "*) echo "install $* in $PWD" >> "\${GOPATH:-\${R_LIBS_USER%/library}}/install.txt"; exit 0 ;; esac
echo "ran ${c.binary} $*"
env | grep -E '^(GOPATH|GOMODCACHE|PERL5LIB|PERL_LOCAL_LIB_ROOT|R_LIBS_USER|GEM_HOME|GEM_PATH|BUNDLE_PATH)=' | sort`
  )
}

function fakeInstaller(name: string): void {
  machine.script(`bin/${name}`, `echo "install ${name} $* in $PWD GEM_HOME=$GEM_HOME" >> "\${PERL_LOCAL_LIB_ROOT:-\${GEM_HOME%/gems}}/install.txt"`)
}

async function open(c: Case, files: PackFiles): Promise<Workbench> {
  fakeInterpreter(c)
  if (c.installer !== null && c.installer !== c.binary) fakeInstaller(c.installer)
  const pack = writePack(machine, 'poly', {
    [`actions/hello.yaml`]: `ref: poly.hello\nrunner_type: ${c.runner}\nentry_point: hello${c.extension}\n`,
    [`actions/hello${c.extension}`]: '',
    ...files
  })
  workbench = openWorkbench({ home: machine.dataHome, env: machine.env(['bin']), ...catalogOptions(machine) })
  await workbench.runtimes.verify()
  workbench.packs.add(pack)
  return workbench
}

describe.each(CASES)('$ref with a fake $binary', (c) => {
  it('verifies with the catalog command, sets up the env the worker makes, installs from the manifest, runs', async () => {
    const wb = await open(c, c.manifest === null ? {} : { [c.manifest]: 'deps\n' })
    const runtime = wb.runtimes.list().find((view) => view.ref === c.ref)
    expect(runtime?.available).toBe(true)

    const envs = await wb.envs.setup('poly')
    const envDir = join(machine.dataHome, 'runtime_envs', 'poly', c.runner)
    if (c.created === null) {
      expect(envs).toEqual([])
    } else {
      expect(envs.map((env) => [env.runtime, env.version, env.status, env.action, env.dir])).toEqual([[c.ref, null, 'ready', 'built', envDir]])
      expect(existsSync(join(envDir, c.created))).toBe(true)
      const installed = readFileSync(join(envDir, 'install.txt'), 'utf8')
      expect(installed).toContain(`in ${machine.path('packs/poly')}`)
      if (c.installer === 'cpanm') expect(installed).toContain(`--local-lib ${envDir} --installdeps --quiet .`)
      if (c.installer === 'bundle') expect(installed).toContain(`install --quiet in ${machine.path('packs/poly')} GEM_HOME=${envDir}/gems`)
      if (c.installer === 'go') expect(installed).toContain('install mod download')
      if (c.installer === 'Rscript') expect(installed).toContain(`renv::restore(library='${envDir}/library', prompt=FALSE)`)
    }

    const run = await wb.executions.run('poly.hello', {})
    expect(run.status).toBe('completed')
    const script = machine.path(`packs/poly/actions/hello${c.extension}`)
    const args = c.runner === 'go' ? `run ${script}` : c.runner === 'r' ? `--vanilla ${script}` : script
    expect(run.stdout).toContain(`ran ${c.binary} ${args}`)
    for (const line of c.envVars) expect(run.stdout).toContain(line.replaceAll('{env}', envDir))
  })
})

// The real interpreters where this machine has them (java and perl on CI); the others skip, saying why.
const DEBIAN_PACKAGE: Readonly<Record<string, string>> = { perl: 'perl', java: 'default-jdk-headless', ruby: 'ruby', go: 'golang-go', Rscript: 'r-base-core' }
const REAL: ReadonlyArray<readonly [runner: string, binary: string, extension: string, source: string, expected: string]> = [
  ['perl', 'perl', '.pl', 'print "perl sees $ENV{PERL5LIB}\\n";\n', 'perl sees {env}/lib/perl5'],
  ['java', 'java', '.java', 'public class Hello { public static void main(String[] a) { System.out.println("java says " + System.getenv("ATTUNE_ACTION")); } }\n', 'java says poly.hello'],
  ['ruby', 'ruby', '.rb', 'puts "ruby sees #{ENV["GEM_HOME"]}"\n', 'ruby sees {env}/gems'],
  ['go', 'go', '.go', 'package main\nimport ("fmt"; "os")\nfunc main() { fmt.Println("go sees " + os.Getenv("GOPATH")) }\n', 'go sees {env}'],
  ['r', 'Rscript', '.R', 'cat(paste("R sees", Sys.getenv("R_LIBS_USER")), "\\n")\n', 'R sees {env}/library']
]

describe.each(REAL)('a real %s action', (runner, binary, extension, source, expected) => {
  const real = findOnPathSync(binary, '/usr/local/bin:/usr/bin:/bin', { skipShims: true })
  if (real === null) console.log(`skipped: no real ${binary} in /usr/local/bin, /usr/bin or /bin (Debian package: ${DEBIAN_PACKAGE[binary]})`)
  it.skipIf(real === null)(`runs with ${binary} from the system, in the env the worker makes`, async () => {
    linkTools(machine, [binary], '/usr/local/bin:/usr/bin:/bin')
    const pack = writePack(machine, 'poly', {
      'actions/hello.yaml': `ref: poly.hello\nrunner_type: ${runner}\nentry_point: hello${extension}\n`,
      [`actions/hello${extension}`]: source
    })
    workbench = openWorkbench({ home: machine.dataHome, env: machine.env([]), ...catalogOptions(machine) })
    await workbench.runtimes.verify()
    workbench.packs.add(pack)
    const run = await workbench.executions.run('poly.hello', {})
    expect(run.error).toBeNull()
    expect(run.status).toBe('completed')
    expect(run.stdout).toContain(expected.replaceAll('{env}', join(machine.dataHome, 'runtime_envs', 'poly', runner)))
  }, 60_000)
})
