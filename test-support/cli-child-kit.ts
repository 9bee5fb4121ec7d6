import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { WorkbenchOptions } from '../src/main/core/workbench'

/** What `cli-child.ts` runs. */
export interface CliChildConfig {
  readonly argv: readonly string[]
  readonly env: Readonly<Record<string, string>>
  readonly options: Omit<WorkbenchOptions, 'home' | 'env'>
}

/** A CLI command running in its own process. */
export interface CliChild {
  readonly process: ChildProcess
  stdout(): string
  stderr(): string
  /** Resolves when `text` has appeared on stdout or stderr (rejects if the process ends first). */
  saw(text: string | RegExp, timeoutMs?: number): Promise<void>
  /** The exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>
}

const TSX_LOADER = new URL('../node_modules/tsx/dist/loader.mjs', import.meta.url).href
const CHILD_SCRIPT = fileURLToPath(new URL('./cli-child.ts', import.meta.url))
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url))

/** Start `attune-workbench ARGV…` as a child process (one process: `node --import tsx`). */
export function startCliChild(config: CliChildConfig): CliChild {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, CHILD_SCRIPT, JSON.stringify(config)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  const wakers = new Set<() => void>()
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString()
    for (const wake of [...wakers]) wake()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString()
    for (const wake of [...wakers]) wake()
  })
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)))
  let ended = false
  void exited.then(() => {
    ended = true
    for (const wake of [...wakers]) wake()
  })
  return {
    process: child,
    stdout: () => out,
    stderr: () => err,
    exited,
    saw: (text, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const found = (): boolean => (typeof text === 'string' ? (out + err).includes(text) : text.test(out + err))
        const timer = setTimeout(() => finish(new Error(`no ${String(text)} in ${timeoutMs} ms; stdout: ${out}; stderr: ${err}`)), timeoutMs)
        function finish(error?: Error): void {
          clearTimeout(timer)
          wakers.delete(check)
          if (error) reject(error)
          else resolve()
        }
        function check(): void {
          if (found()) finish()
          else if (ended) finish(new Error(`the command ended (stdout: ${out}; stderr: ${err}) before printing ${String(text)}`))
        }
        wakers.add(check)
        check()
      })
  }
}
