import { execFileSync } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, realpathSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { linkTools, systemTool } from './env-machine'
import { pidAlive, waitFor } from './exec-machine'
import type { RuntimeMachine } from './runtime-machine'

/**
 * Hardening test support (faults, load, security): interpreters whose runs are plain `/bin/sh` so every
 * catalog version can run actions cheaply, a control folder through which a test makes setup commands
 * hang, the pids actions print, and raw looks at the database (integrity, every text cell).
 */

/** Where the fakes look for switches (`SLOW_VENV`, `SLOW_PIP`) and append the pids of setup commands. */
export function controlDir(machine: RuntimeMachine): string {
  const dir = machine.path('control')
  mkdirSync(dir, { recursive: true })
  return dir
}

/**
 * A fake Python `version` at `relative` (a `#!/bin/sh` script written inside the machine): `--version`
 * answers; `-m venv [--copies] DIR` copies itself into DIR/bin (sleeping 30 s first while
 * `control/SLOW_VENV` exists); `-m pip install -r FILE` records FILE (sleeping while `control/SLOW_PIP`
 * exists); anything else runs its script argument with `/bin/sh`, so a `.py` entry point is a shell script.
 * Every setup command appends `setup <pid>` to `control/pids` before it does anything.
 */
export function shellPython(machine: RuntimeMachine, relative: string, version: string, options: FakeOptions = {}): string {
  const control = controlDir(machine)
  const [mkdir, cp, rm, sleep, sh] = ['mkdir', 'cp', 'rm', 'sleep', 'sh'].map(systemTool)
  const minor = version.split('.').slice(0, 2).join('.')
  return machine.script(
    relative,
    `${options.recordEnv ? recordEnvLine(machine) : ''}case "$1" in --version) echo "Python ${version}"; exit 0 ;; esac
if [ "$1 $2" = "-m venv" ]; then
  echo "setup $$" >> '${control}/pids'
  for arg; do dir=$arg; done
  case "$dir" in /*/*) ;; *) echo "fake python: refusing venv dir '$dir'" >&2; exit 2 ;; esac
  ${mkdir} -p "$dir/bin" || exit 1
  [ -f '${control}/SLOW_VENV' ] && ${sleep} 30
  for name in python3 python${minor}; do ${rm} -f "$dir/bin/$name" && ${cp} "$0" "$dir/bin/$name" || exit 1; done
  echo "home = \${0%/*}" > "$dir/pyvenv.cfg"
  echo "created $dir"
  exit 0
fi
if [ "$1 $2 $3 $4" = "-m pip install -r" ]; then
  echo "setup $$" >> '${control}/pids'
  [ -f '${control}/SLOW_PIP' ] && ${sleep} 30
  ${cp} "$5" "\${0%/*}/../installed.txt" || exit 1
  echo "Successfully installed fake"
  exit 0
fi
[ "$1" = "-u" ] && shift
exec ${sh} "$@"`,
    `python:${relative}`
  )
}

/** A fake Node.js `version` at `relative`: `--version` answers, a script argument runs with `/bin/sh`. */
export function shellNode(machine: RuntimeMachine, relative: string, version: string, options: FakeOptions = {}): string {
  const record = options.recordEnv ? recordEnvLine(machine) : ''
  return machine.script(relative, `${record}case "$1" in --version) echo "v${version}"; exit 0 ;; esac\nexec ${systemTool('sh')} "$@"`, `node:${relative}`)
}

/** How the fake interpreters behave beyond their defaults. */
export interface FakeOptions {
  /** Append `=== <argv>` and the complete environment of every invocation to `control/env.log`. */
  readonly recordEnv?: boolean
}

/** Every environment a recording fake was started with (probes, setup commands, actions). */
export function recordedEnvs(machine: RuntimeMachine): string {
  const file = join(controlDir(machine), 'env.log')
  return existsSync(file) ? readFileSync(file, 'utf8') : ''
}

function recordEnvLine(machine: RuntimeMachine): string {
  return `{ echo "=== $0 $*"; ${systemTool('env')}; } >> '${join(controlDir(machine), 'env.log')}'\n`
}

/**
 * Every catalog version on one machine: Pythons 3.11–3.13 (`python3` is 3.11) and Node.js 18, 20, 22
 * (`node` is 20), all running their actions with `/bin/sh`; plus the tools the node env setup and the
 * actions use.
 */
export function everyVersion(machine: RuntimeMachine, options: FakeOptions = {}): void {
  for (const version of ['3.11.9', '3.12.4', '3.13.1']) shellPython(machine, `bin/python${version.slice(0, 4)}`, version, options)
  machine.fake.symlink('bin/python3', 'python3.11')
  for (const version of ['18.20.4', '20.17.0', '22.9.0']) shellNode(machine, `bin/node${version.split('.')[0]}`, version, options)
  machine.fake.symlink('bin/node', 'node20')
  linkTools(machine, ['sh', 'mkdir', 'cp', 'cat', 'head', 'printenv', 'setsid'])
}

/** The pids of setup commands the fakes recorded. */
export function setupPids(machine: RuntimeMachine): number[] {
  const file = join(controlDir(machine), 'pids')
  if (!existsSync(file)) return []
  return [...readFileSync(file, 'utf8').matchAll(/setup (\d+)/g)].map((match) => Number(match[1]))
}

/** Forget the setup pids recorded so far (those of earlier, finished builds). */
export function forgetSetupPids(machine: RuntimeMachine): void {
  writeFileSync(join(controlDir(machine), 'pids'), '')
}

/** Switch a slow setup step on or off. */
export function slowSetup(machine: RuntimeMachine, step: 'SLOW_VENV' | 'SLOW_PIP', on: boolean): void {
  const file = join(controlDir(machine), step)
  if (on) writeFileSync(file, '')
  else if (existsSync(file)) execFileSync(systemTool('rm'), ['-f', file])
}

/** Every `pid N` an action printed (the convention of the hardening actions). */
export function printedPids(text: string): number[] {
  return [...text.matchAll(/\bpid (\d+)/g)].map((match) => Number(match[1]))
}

/** Wait until none of `pids` is alive; returns the ones still alive after `timeoutMs` (none, normally). */
export async function survivors(pids: readonly number[], timeoutMs = 3_000): Promise<number[]> {
  try {
    await waitFor('the processes to be gone', () => !pids.some(pidAlive), timeoutMs)
  } catch {
    // Reported below.
  }
  return pids.filter(pidAlive)
}

/** SIGKILL whatever is left of `pids` (test cleanup; a test that passes leaves nothing). */
export function killAll(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Gone already.
    }
  }
}

/** `PRAGMA integrity_check` of a database file, on a fresh connection. */
export function integrityCheck(file: string): string {
  const db = new Database(file, { timeout: 1000 })
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check).join('; ')
  } finally {
    db.close()
  }
}

/** Every text and blob cell of every table, for scans ("this value is stored nowhere"). */
export function everyStoredText(file: string): string {
  const db = new Database(file, { timeout: 1000 })
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name)
    const texts: string[] = []
    for (const table of tables) {
      for (const row of db.prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`).all() as Record<string, unknown>[]) {
        for (const value of Object.values(row)) {
          if (typeof value === 'string') texts.push(value)
          else if (Buffer.isBuffer(value)) texts.push(value.toString('latin1'))
        }
      }
    }
    return texts.join('\n')
  } finally {
    db.close()
  }
}

/** Every file's content under `dir` (logs, status files, env records), for the same scans. */
export function everyFileText(dir: string): string {
  if (!existsSync(dir)) return ''
  const out = execFileSync(systemTool('find'), [realpathSync(dir), '-type', 'f', '-size', '-20M', '-print0'], { encoding: 'utf8' })
  return out
    .split('\0')
    .filter(Boolean)
    .map((file) => {
      try {
        return readFileSync(file, 'latin1')
      } catch {
        return ''
      }
    })
    .join('\n')
}

/** Run `mount` with `args` (root only); whether it worked, and why not. */
export function tryMount(args: readonly string[]): { ok: true } | { ok: false; reason: string } {
  try {
    execFileSync(systemTool('mount'), [...args], { stdio: 'pipe' })
    return { ok: true }
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim()
    return { ok: false, reason: stderr || (error as Error).message }
  }
}

/** Undo {@link tryMount} (lazily, so a busy mount never fails a cleanup). */
export function unmount(path: string): void {
  try {
    execFileSync(systemTool('umount'), ['-l', path], { stdio: 'pipe' })
  } catch {
    // Not mounted.
  }
}

/** Write zeros to `file` until the disk is full; returns the bytes written. */
export function fillDisk(file: string): number {
  const chunk = Buffer.alloc(16 * 1024)
  let written = 0
  const fd = openSync(file, 'w')
  try {
    for (;;) {
      try {
        written += writeSync(fd, chunk)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break
        throw error
      }
    }
    // The last partial block too.
    for (const size of [4096, 512, 1]) {
      for (;;) {
        try {
          written += writeSync(fd, chunk.subarray(0, size))
        } catch {
          break
        }
      }
    }
  } finally {
    closeSync(fd)
  }
  return written
}
