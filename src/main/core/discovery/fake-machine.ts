import {
  existsSync,
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const SLEEP = ['/bin/sleep', '/usr/bin/sleep'].find((candidate) => existsSync(candidate)) ?? 'sleep'

/** What a fake executable does when run. */
export interface FakeBehaviour {
  readonly stdout?: string
  readonly stderr?: string
  readonly exitCode?: number
  /** Sleep this long before answering. */
  readonly sleepSeconds?: number
}

/**
 * A temp folder for integration tests, holding fake interpreters that are real `#!/bin/sh` executables.
 *
 * Every fake appends its tag (default: its relative path) to one call log when run, so a test can tell
 * how often it was actually executed. Test support only; never imported by app code.
 */
export class FakeMachine {
  readonly home: string
  readonly callLog: string

  private constructor(readonly root: string) {
    this.home = join(root, 'home')
    this.callLog = join(root, 'calls.log')
    mkdirSync(this.home)
    writeFileSync(this.callLog, '')
  }

  /** A fresh machine under the OS temp folder; call {@link dispose} when done. */
  static create(): FakeMachine {
    // Resolved so paths compare equal to realpath results where tmpdir is a symlink (macOS /var).
    return new FakeMachine(realpathSync(mkdtempSync(join(tmpdir(), 'attune-discovery-'))))
  }

  /** The absolute path of `relative` inside the machine. */
  path(relative: string): string {
    return join(this.root, relative)
  }

  /** Write an executable script that behaves as told; returns its absolute path. */
  executable(relative: string, behaviour: FakeBehaviour, tag: string = relative): string {
    const lines = ['#!/bin/sh', `echo ${shellQuote(tag)} >> ${shellQuote(this.callLog)}`]
    // An absolute sleep: test PATHs are built from temp folders only, and a missing sleep would not hang.
    if (behaviour.sleepSeconds !== undefined) lines.push(`${SLEEP} ${behaviour.sleepSeconds}`)
    if (behaviour.stdout !== undefined) lines.push(`printf '%s\\n' ${shellQuote(behaviour.stdout)}`)
    if (behaviour.stderr !== undefined) lines.push(`printf '%s\\n' ${shellQuote(behaviour.stderr)} >&2`)
    lines.push(`exit ${behaviour.exitCode ?? 0}`)
    return this.file(relative, `${lines.join('\n')}\n`, 0o755)
  }

  /** A fake Python that prints `Python <version>` to stdout. */
  python(relative: string, version: string): string {
    return this.executable(relative, { stdout: `Python ${version}` })
  }

  /** A fake Node.js that prints `v<version>`. */
  node(relative: string, version: string): string {
    return this.executable(relative, { stdout: `v${version}` })
  }

  /** Write a file (creating folders); returns its absolute path. */
  file(relative: string, content: string, mode = 0o644): string {
    const path = this.path(relative)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, content)
    chmodSync(path, mode)
    return path
  }

  /** Create a folder; returns its absolute path. */
  dir(relative: string): string {
    const path = this.path(relative)
    mkdirSync(path, { recursive: true })
    return path
  }

  /** Create a symlink at `relative` pointing at `target` (kept as given); returns its absolute path. */
  symlink(relative: string, target: string): string {
    const path = this.path(relative)
    mkdirSync(dirname(path), { recursive: true })
    symlinkSync(target, path)
    return path
  }

  /** How many times the fake tagged `tag` has run. */
  calls(tag: string): number {
    return readFileSync(this.callLog, 'utf8')
      .split('\n')
      .filter((line) => line === tag).length
  }

  /** How many times any fake has run. */
  totalCalls(): number {
    return readFileSync(this.callLog, 'utf8')
      .split('\n')
      .filter((line) => line !== '').length
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true })
  }
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`
}
