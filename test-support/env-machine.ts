import { existsSync, mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { findOnPathSync } from '../src/main/core/discovery'
import { findResourceDirSync, type WorkbenchOptions } from '../src/main/core/workbench'
import type { RuntimeMachine } from './runtime-machine'

/**
 * Env test support on a {@link RuntimeMachine}: the built-in catalog (whose versions define real
 * environments, unlike the reduced test catalog), fake Pythons whose "venvs" cost a few `cp` calls, a
 * real Python dressed up as other versions, and pack folders. Every script is written inside the
 * machine's temp root; nothing is ever written through a link to a real installation.
 */

/** The built-in runtime catalog (`resources/runtimes`). */
export const CATALOG_DIR = findResourceDirSync(__dirname, 'runtimes')
/** The bundled example packs (`resources/packs`). */
export const EXAMPLE_PACKS_DIR = findResourceDirSync(__dirname, 'packs')

/** Engine options for `openWorkbench` / `runCli` on `machine` with the built-in catalog and no example packs. */
export function catalogOptions(machine: RuntimeMachine, extra: Partial<Omit<WorkbenchOptions, 'home' | 'env'>> = {}): Omit<WorkbenchOptions, 'home' | 'env'> {
  return { catalogDir: CATALOG_DIR, examplePacksDir: null, discovery: machine.discovery, ...extra }
}

/** The absolute path of a real system tool, for scripts that must not depend on the test PATH. */
export function systemTool(name: string): string {
  const found = findOnPathSync(name, '/usr/bin:/bin')
  if (found === null) throw new Error(`test support needs '${name}' in /usr/bin or /bin`)
  return found
}

/** Link real tools (`sh`, `cp`, `npm`...) into the machine's `tools/` folder, which every machine PATH ends with. */
export function linkTools(machine: RuntimeMachine, names: readonly string[], pathValue = '/usr/bin:/bin'): void {
  for (const name of names) {
    const link = machine.path(`tools/${name}`)
    if (existsSync(link)) continue
    const real = findOnPathSync(name, pathValue, { skipShims: true })
    if (real === null) throw new Error(`test support needs '${name}' on ${pathValue}`)
    symlinkSync(realpathSync(real), link)
  }
}

/** `3.12.4` → `3.12`. */
function minorOf(version: string): string {
  return version.split('.').slice(0, 2).join('.')
}

/**
 * A fake Python (`#!/bin/sh`) at `relative` on the machine that logs every run to the call log and:
 * answers `--version` with `Python <version>`; for `-m venv [--copies] DIR` copies itself to
 * `DIR/bin/python3` and `DIR/bin/python<X.Y>` (so the catalog's `interpreter_path` exists and reports the
 * same version); for `-m pip install -r FILE` copies FILE to `DIR/installed.txt`, failing with pip-like
 * output when FILE mentions FAIL.
 */
export function cheapPython(machine: RuntimeMachine, relative: string, version: string, tag: string = relative): string {
  const [mkdir, cp, rm, grep] = ['mkdir', 'cp', 'rm', 'grep'].map(systemTool)
  const body = `case "$1" in --version) echo "Python ${version}"; exit 0 ;; esac
if [ "$1 $2" = "-m venv" ]; then
  for arg; do dir=$arg; done
  case "$dir" in /*/*) ;; *) echo "fake python: refusing venv dir '$dir'" >&2; exit 2 ;; esac
  ${mkdir} -p "$dir/bin" || exit 1
  for name in python3 python${minorOf(version)}; do
    ${rm} -f "$dir/bin/$name" && ${cp} "$0" "$dir/bin/$name" || exit 1
  done
  echo "home = \${0%/*}" > "$dir/pyvenv.cfg"
  echo "created $dir"
  exit 0
fi
if [ "$1 $2 $3 $4" = "-m pip install -r" ]; then
  if ${grep} -q FAIL "$5"; then echo "ERROR: Could not find a version that satisfies the requirement FAIL (from -r $5)" >&2; exit 1; fi
  ${rm} -f "\${0%/*}/../installed.txt" && ${cp} "$5" "\${0%/*}/../installed.txt" || exit 1
  echo "Successfully installed fake"
  exit 0
fi
echo "fake python: unexpected $*" >&2
exit 2`
  return machine.script(relative, body, tag)
}

/**
 * A real, venv-capable Python (`realPython`) dressed as `version`: a `#!/bin/sh` wrapper at `relative`
 * that logs its runs, answers `--version` with `Python <version>` and execs the real Python (through a
 * symlink in the machine, `dressed/python`, which is only ever executed) for everything else. After
 * `-m venv ... DIR` it replaces `DIR/bin/python3` and `DIR/bin/python<X.Y>` with a dressed launcher of
 * the venv's own `bin/python` (same `--version` answer, also logged), so the catalog's `interpreter_path`
 * exists, reports the dressed version, and imports from the venv.
 *
 * Every Python it starts gets `-X attune_dressed=<version>`, so an action can print the version it was
 * dressed as (`sys._xoptions['attune_dressed']`). `withoutPip` makes venvs without pip (milliseconds
 * instead of seconds; only for packs without dependencies). `offlinePip` makes every `-m pip` fail at
 * once with the two lines pip prints when no index has the manifest's first requirement (as on a machine
 * without network or without the package), so a failed install costs milliseconds.
 */
export function dressedPython(
  machine: RuntimeMachine,
  relative: string,
  version: string,
  realPython: string,
  options: { readonly withoutPip?: boolean; readonly offlinePip?: boolean } = {}
): string {
  const minor = minorOf(version)
  const dressed = `-X attune_dressed=${version}`
  const head = systemTool('head')
  const pip = options.offlinePip
    ? `if [ "$1 $2" = "-m pip" ]; then
  for arg; do last=$arg; done
  requirement=$(${head} -n 1 "$last")
  echo "ERROR: Could not find a version that satisfies the requirement $requirement (from versions: none)" >&2
  echo "ERROR: No matching distribution found for $requirement" >&2
  exit 1
fi
`
    : ''
  const real = machine.path('dressed/python')
  if (!existsSync(real)) machine.fake.symlink('dressed/python', realPython)
  const launcher = machine.script(
    `dressed/launcher-${version}`,
    `case "$1" in --version) echo "Python ${version}"; exit 0 ;; esac
${pip}exec "\${0%/*}/python" ${dressed} "$@"`,
    `venv:${relative}`
  )
  const [cp, rm] = ['cp', 'rm'].map(systemTool)
  const body = `case "$1" in --version) echo "Python ${version}"; exit 0 ;; esac
if [ "$1 $2" = "-m venv" ]; then
  for arg; do dir=$arg; done
  case "$dir" in /*/*) ;; *) echo "dressed python: refusing venv dir '$dir'" >&2; exit 2 ;; esac
  '${real}' "$@"${options.withoutPip ? ' --without-pip' : ''} || exit $?
  for name in python3 python${minor}; do
    ${rm} -f "$dir/bin/$name" && ${cp} '${launcher}' "$dir/bin/$name" || exit 1
  done
  exit 0
fi
exec '${real}' ${dressed} "$@"`
  return machine.script(relative, body)
}

/** Files of a pack folder, by path relative to it. */
export type PackFiles = Readonly<Record<string, string>>

/** Write a pack folder `<machine>/packs/<folder>` with `pack.yaml` (ref = `ref`) and `files`; returns its path. */
export function writePack(machine: RuntimeMachine, ref: string, files: PackFiles = {}, folder: string = ref): string {
  const dir = machine.path(`packs/${folder}`)
  mkdirSync(dir, { recursive: true })
  writePackFiles(dir, { 'pack.yaml': `ref: ${ref}\nlabel: ${ref}\nversion: "1.0.0"\n`, ...files })
  return dir
}

/** Write (or overwrite) files of a pack folder. */
export function writePackFiles(dir: string, files: PackFiles): void {
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, content)
  }
}

/** `actions/<name>.yaml` of pack `packRef` plus its entry point, for a runner type (and an optional `runtime_version`). */
export function action(packRef: string, name: string, runnerType: string, options: { constraint?: string; extra?: string } = {}): PackFiles {
  const extension = runnerType.startsWith('python') ? 'py' : runnerType.startsWith('node') ? 'js' : 'sh'
  const yaml = [
    `ref: ${packRef}.${name}`,
    `runner_type: ${runnerType}`,
    `entry_point: ${name}.${extension}`,
    ...(options.constraint ? [`runtime_version: "${options.constraint}"`] : []),
    ...(options.extra ? [options.extra] : [])
  ].join('\n')
  return { [`actions/${name}.yaml`]: `${yaml}\n`, [`actions/${name}.${extension}`]: '' }
}
