import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RuntimeExecutionConfig } from '../../../shared/domain/execution-config'
import { findOnPathSync } from '../discovery'
import { runCommand } from '../commands/run-command'
import type { CommandRunner } from './command-runner'
import { envDirFor } from './env-layout'
import type { EnvSpec } from './env-spec'

/**
 * Test support for the env engine (never imported by app code): a temp root with packs, envs and logs,
 * a spawn-counting wrapper around the real runner, and the catalog-shaped configs the tests build.
 */
export class EnvTestRoot {
  readonly packs: string
  readonly envs: string
  readonly logs: string

  private constructor(readonly root: string) {
    this.packs = join(root, 'packs')
    this.envs = join(root, 'runtime_envs')
    this.logs = join(root, 'logs', 'envs')
    mkdirSync(this.packs)
  }

  static create(): EnvTestRoot {
    return new EnvTestRoot(realpathSync(mkdtempSync(join(tmpdir(), 'attune-envs-'))))
  }

  /** Write a file under the root (folders created); returns its path. */
  file(relative: string, content: string, mode = 0o644): string {
    const path = join(this.root, relative)
    mkdirSync(join(path, '..'), { recursive: true })
    writeFileSync(path, content)
    chmodSync(path, mode)
    return path
  }

  /** A pack folder with the given files. */
  pack(ref: string, files: Readonly<Record<string, string>> = {}): string {
    const dir = join(this.packs, ref)
    mkdirSync(dir, { recursive: true })
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
    return dir
  }

  /** Names in a folder that look like rebuild leftovers. */
  leftovers(packRef: string): string[] {
    try {
      return readdirSync(join(this.envs, packRef)).filter((name) => name.includes('.previous-'))
    } catch {
      return []
    }
  }

  spec(fields: Pick<EnvSpec, 'packRef' | 'config' | 'expectedInterpreter' | 'expectedVersion'> & Partial<EnvSpec>): EnvSpec {
    const runtimeName = fields.runtimeName ?? 'python'
    const version = fields.version ?? null
    return {
      packDir: join(this.packs, fields.packRef),
      runtimeRef: 'core.python',
      runtimeName,
      version,
      envDir: envDirFor(this.envs, fields.packRef, runtimeName, version),
      ...fields
    }
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true })
  }
}

/** The real runner, counting every spawn. */
export function countingRunner(): { run: CommandRunner; calls: string[][] } {
  const calls: string[][] = []
  const run: CommandRunner = (file, args, options) => {
    calls.push([file, ...args])
    return runCommand(file, args, options)
  }
  return { run, calls }
}

/** The catalog's Python config shape (spec §1.8) with an absolute interpreter. */
export function pythonConfig(python: string, interpreterName = 'python3'): RuntimeExecutionConfig {
  return {
    interpreter: { binary: python, args: ['-u'], file_extension: '.py' },
    environment: {
      env_type: 'virtualenv',
      dir_name: '.venv',
      create_command: [python, '-m', 'venv', '--copies', '{env_dir}'],
      interpreter_path: `{env_dir}/bin/${interpreterName}`
    },
    dependencies: { manifest_file: 'requirements.txt', install_command: ['{interpreter}', '-m', 'pip', 'install', '-r', '{manifest_path}'] },
    env_vars: { PYTHONPATH: { operation: 'prepend', value: '{pack_dir}/lib', separator: ':' } }
  }
}

/** The catalog's Node config shape (spec §1.8) with an absolute node. */
export function nodeConfig(node: string): RuntimeExecutionConfig {
  return {
    interpreter: { binary: node, args: [], file_extension: '.js' },
    environment: {
      env_type: 'node_modules',
      dir_name: 'node_modules',
      create_command: ['sh', '-c', 'mkdir -p {env_dir} && cp {manifest_path} {env_dir}/ 2>/dev/null || true'],
      interpreter_path: null
    },
    dependencies: { manifest_file: 'package.json', install_command: ['npm', 'install', '--prefix', '{env_dir}'] },
    env_vars: { NODE_PATH: '{env_dir}/node_modules' }
  }
}

/** A real python3 that can make venvs (PATH order, version-manager shims skipped), or why there is none. */
export function findVenvPython(): { python: string; version: string } | { skip: string } {
  const python = findOnPathSync('python3', process.env.PATH ?? '', { skipShims: true })
  if (python === null) return { skip: 'no python3 on PATH' }
  try {
    const out = execFileSync(python, ['-c', 'import venv, ensurepip, sys; print("%d.%d" % sys.version_info[:2])'], { encoding: 'utf8' })
    return { python, version: out.trim() }
  } catch {
    return { skip: `${python} cannot make venvs with pip (python3-venv missing?)` }
  }
}

/** A real node and npm, or why not. */
export function findNodeAndNpm(): { node: string; major: string } | { skip: string } {
  const path = process.env.PATH ?? ''
  const node = findOnPathSync('node', path, { skipShims: true })
  if (node === null) return { skip: 'no node on PATH' }
  if (findOnPathSync('npm', path, { skipShims: true }) === null) return { skip: 'no npm on PATH' }
  const major = execFileSync(node, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).trim()
  return { node, major }
}

/**
 * A tiny pure-Python wheel (module + dist-info METADATA/WHEEL/RECORD) written with the test's own Python,
 * so pip installs it offline from a path.
 */
export function writeWheel(python: string, dir: string, name: string, version: string, source: string): string {
  mkdirSync(dir, { recursive: true })
  const path = join(dir, `${name}-${version}-py3-none-any.whl`)
  const info = `${name}-${version}.dist-info`
  const script = [
    'import sys, zipfile',
    'path, name, info, source, version = sys.argv[1:6]',
    'files = {',
    '  f"{name}/__init__.py": source,',
    '  f"{info}/METADATA": f"Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n",',
    '  f"{info}/WHEEL": "Wheel-Version: 1.0\\nGenerator: attune-test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",',
    '}',
    'files[f"{info}/RECORD"] = "".join(f"{n},,\\n" for n in [*files, f"{info}/RECORD"])',
    'with zipfile.ZipFile(path, "w") as z:',
    '  for n, text in files.items(): z.writestr(n, text)'
  ].join('\n')
  execFileSync(python, ['-c', script, path, name, info, source, version])
  return path
}

/**
 * A fake Python (a `#!/bin/sh` script) that answers `--version`, makes a "venv" with `-m venv --copies DIR`
 * (copying itself to DIR/bin/python3 and recording its environment and cwd), and "installs" with
 * `-m pip install -r FILE` (failing when the file mentions FAIL, sleeping when it mentions SLEEP).
 */
export function fakePythonScript(version: string): string {
  return `#!/bin/sh
case "$1" in
  --version) echo "Python ${version}"; exit 0 ;;
esac
if [ "$1 $2" = "-m venv" ]; then
  dir="$4"
  # Never write outside a named env dir, and never through a link into a real installation.
  case "$dir" in /*/*) ;; *) echo "fake python: refusing venv dir '$dir'" >&2; exit 2 ;; esac
  [ -f "$(dirname "$0")/SLOW_VENV" ] && sleep 30
  mkdir -p "$dir/bin" && rm -f "$dir/bin/python3" && cp "$0" "$dir/bin/python3" && env > "$dir/setup-env.txt" && pwd > "$dir/setup-cwd.txt"
  echo "created $dir"
  exit 0
fi
if [ "$1 $2 $3 $4" = "-m pip install -r" ]; then
  if grep -q SLEEP "$5"; then sleep 30; fi
  if grep -q FAIL "$5"; then echo "ERROR: Could not find a version that satisfies the requirement FAIL" >&2; exit 1; fi
  cp "$5" "$(dirname "$0")/../installed.txt"
  echo "Successfully installed fake"
  exit 0
fi
echo "fake python: unexpected $*" >&2
exit 2
`
}
