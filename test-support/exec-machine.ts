import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { findOnPathSync } from '../src/main/core/discovery'
import type { WorkbenchOptions } from '../src/main/core/workbench'
import type { RuntimeMachine } from './runtime-machine'

/**
 * Executor test support: process checks, polling, a real Node.js dressed for a fake machine, and an
 * engine in another process (see `engine-child.ts`) that can be crashed with SIGKILL.
 */

/** Whether `pid` is a live process (a zombie waiting to be reaped, or one dead, counts as gone). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    // /proc/<pid>/stat: "pid (comm) S ..."; the state follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
    return state !== 'Z' && state !== 'X'
  } catch {
    return existsSync(`/proc/${pid}`) || process.platform !== 'linux'
  }
}

/** Poll `probe` until it returns something other than undefined/false, or fail after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 10_000, intervalMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = probe()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}

/**
 * The machine's real Node.js behind `#!/bin/sh` wrappers at `bin/node<major>` and `bin/node` (never a
 * link into the installation), so the catalog's `node20`-style commands find it; or why there is none.
 */
export function realNodeOn(machine: RuntimeMachine): { node: string; major: string } | { skip: string } {
  const node = findOnPathSync('node', process.env.PATH ?? '', { skipShims: true })
  if (node === null) return { skip: 'no node on PATH' }
  const major = execFileSync(node, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).trim()
  for (const name of [`node${major}`, 'node']) machine.script(`bin/${name}`, `exec '${node}' "$@"`, name)
  return { node, major }
}

/** What `engine-child.ts` opens and runs. */
export interface EngineChildConfig {
  readonly home: string
  readonly env: Readonly<Record<string, string>>
  readonly options: Omit<WorkbenchOptions, 'home' | 'env'>
  readonly action: string
  readonly parameters?: Readonly<Record<string, unknown>>
  /** Serve the engine socket too, as every real engine (the app, `serve`, a CLI command) does. */
  readonly serve?: boolean
}

/** A line the engine child printed. */
export interface EngineChildEvent {
  readonly event: 'started' | 'status' | 'error'
  readonly id?: number
  readonly status?: string
  readonly message?: string
}

/** An engine in another process, holding the data home. */
export interface EngineChild {
  readonly pid: number
  /** Resolves with the first event (already seen or still to come) that `match` accepts. */
  next(match: (event: EngineChildEvent) => boolean, timeoutMs?: number): Promise<EngineChildEvent>
  /** End stdin: the child cancels its run, closes the engine and exits. */
  stop(): Promise<void>
  /** A crash: SIGKILL, nothing cleaned up. */
  crash(): Promise<void>
}

const TSX_LOADER = new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url).href
const CHILD_SCRIPT = fileURLToPath(new URL('./engine-child.ts', import.meta.url))
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url))

/** Start `engine-child.ts` (one process: `node --import tsx`, no grandchild to orphan). */
export function startEngineChild(config: EngineChildConfig): EngineChild {
  const child: ChildProcess = spawn(process.execPath, ['--import', TSX_LOADER, CHILD_SCRIPT, JSON.stringify(config)], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe']
  })
  const events: EngineChildEvent[] = []
  const waiters = new Set<() => void>()
  let buffered = ''
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString()
    let newline: number
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline)
      buffered = buffered.slice(newline + 1)
      if (line.trim()) events.push(JSON.parse(line) as EngineChildEvent)
    }
    for (const wake of [...waiters]) wake()
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.once('exit', () => {
    for (const wake of [...waiters]) wake()
  })
  const gone = (): boolean => child.exitCode !== null || child.signalCode !== null
  return {
    pid: child.pid as number,
    next: (match, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`engine child: no matching event in ${timeoutMs} ms; saw ${JSON.stringify(events)}; stderr: ${stderr}`))
        }, timeoutMs)
        function check(): void {
          const found = events.find(match)
          const failed = events.find((event) => event.event === 'error')
          if (!found && !failed && !gone()) return
          clearTimeout(timer)
          waiters.delete(check)
          if (found) resolve(found)
          else reject(new Error(`engine child failed: ${failed?.message ?? `exited (${child.exitCode ?? child.signalCode})`}; stderr: ${stderr}`))
        }
        waiters.add(check)
        check()
      }),
    stop: async () => {
      if (!gone()) child.stdin?.end()
      await exited
    },
    crash: async () => {
      if (!gone()) child.kill('SIGKILL')
      await exited
    }
  }
}
