import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** How often a running action's process tree is looked at. */
export const TREE_REFRESH_MS = 200

/** A process of the tree as first seen: its start time tells it apart from a later process with its pid. */
interface Seen {
  readonly pid: number
  readonly startTime: string
}

/** A process killed because it outlived the run outside its process group. */
export interface LeftoverProcess {
  readonly pid: number
  /** The kernel's command name (`comm`, at most 15 characters): never the arguments, which may hold secrets. */
  readonly command: string
}

/**
 * The descendants of one action process, followed while it runs (Linux, /proc).
 *
 * The process group catches most of an action's children, and the environment sweep (`orphan-reaper.ts`)
 * those that left the group but kept `ATTUNE_EXEC_ID`. A child that does both — `setsid env -i sleep 300 &` —
 * escapes both; this catches it by ancestry instead. Every {@link TREE_REFRESH_MS} the children of the root and
 * of every process seen so far are read from `/proc/<pid>/task/<tid>/children` (a few small reads per run);
 * a process once seen stays tracked after its parent exits. At the end {@link killLeftovers} kills what is
 * still alive outside the group. What it cannot see: a child that detaches and whose parent exits between
 * two looks (README, limits).
 */
export class ProcessTree {
  private readonly seen = new Map<number, Seen>()
  private readonly timer: NodeJS.Timeout | null

  private constructor(
    private readonly rootPid: number,
    private readonly procDir: string,
    refreshMs: number
  ) {
    this.refresh()
    this.timer = setInterval(() => this.refresh(), refreshMs)
    this.timer.unref()
  }

  /** Follow the tree of `rootPid`; null where there is no /proc to read (not Linux). */
  static watch(rootPid: number | undefined, options: { readonly procDir?: string; readonly refreshMs?: number } = {}): ProcessTree | null {
    if (rootPid === undefined || (process.platform !== 'linux' && options.procDir === undefined)) return null
    return new ProcessTree(rootPid, options.procDir ?? '/proc', options.refreshMs ?? TREE_REFRESH_MS)
  }

  /** Look once more: the children of the root and of every process seen so far. Never throws. */
  refresh(): void {
    // Forget what has exited or whose pid now belongs to another process: the set stays as small as the
    // live tree, and a reused pid never brings a stranger's children into it.
    for (const [pid, { startTime }] of this.seen) {
      if (readStat(this.procDir, pid)?.startTime !== startTime) this.seen.delete(pid)
    }
    const queue = [this.rootPid, ...this.seen.keys()]
    const visited = new Set<number>()
    while (queue.length > 0) {
      const pid = queue.pop() as number
      if (visited.has(pid)) continue
      visited.add(pid)
      for (const child of this.childrenOf(pid)) {
        if (!this.seen.has(child)) {
          const stat = readStat(this.procDir, child)
          if (stat === null) continue
          this.seen.set(child, { pid: child, startTime: stat.startTime })
        }
        queue.push(child)
      }
    }
  }

  /**
   * Stop watching, look a last time, and SIGKILL every process of the tree still alive outside the root's
   * process group (those inside it die with the group kill). A pid now held by another process is left alone.
   */
  killLeftovers(): LeftoverProcess[] {
    this.stop()
    this.refresh()
    const killed: LeftoverProcess[] = []
    for (const { pid, startTime } of this.seen.values()) {
      const now = readStat(this.procDir, pid)
      if (now === null || now.startTime !== startTime || now.state === 'Z' || now.processGroup === this.rootPid) continue
      try {
        process.kill(pid, 'SIGKILL')
        killed.push({ pid, command: now.command })
      } catch {
        // Exited meanwhile.
      }
    }
    return killed
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer)
  }

  /** The pids followed now, besides the root. */
  trackedPids(): number[] {
    return [...this.seen.keys()]
  }

  private childrenOf(pid: number): number[] {
    let threads: string[]
    try {
      threads = readdirSync(join(this.procDir, String(pid), 'task'))
    } catch {
      return []
    }
    const children: number[] = []
    for (const tid of threads) {
      try {
        for (const word of readFileSync(join(this.procDir, String(pid), 'task', tid, 'children'), 'latin1').split(' ')) {
          if (/^\d+$/.test(word)) children.push(Number(word))
        }
      } catch {
        // The thread ended, or the kernel has no children files (CONFIG_PROC_CHILDREN): nothing seen here.
      }
    }
    return children
  }
}

/** A sentence for the run's warnings: how many, and which commands. */
export function describeLeftovers(killed: readonly LeftoverProcess[]): string {
  const list = killed.map((leftover) => `${leftover.command} (pid ${leftover.pid})`).join(', ')
  return `killed ${killed.length} process${killed.length === 1 ? '' : 'es'} the action left running outside its process group when it ended: ${list}`
}

/** What the tree needs of `/proc/<pid>/stat`. */
export interface ProcStat {
  readonly state: string
  readonly processGroup: number
  /** Clock ticks after boot. */
  readonly startTime: string
  readonly command: string
}

/** `/proc/<pid>/stat`, or null when the process is gone. */
function readStat(procDir: string, pid: number): ProcStat | null {
  try {
    return parseProcStat(readFileSync(join(procDir, String(pid), 'stat'), 'latin1'))
  } catch {
    return null
  }
}

/** The text of `/proc/<pid>/stat`, parsed. */
export function parseProcStat(text: string): ProcStat {
  // "pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime
  // cstime priority nice threads itrealvalue starttime ...": comm may hold spaces and parentheses.
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  const fields = text.slice(close + 2).split(' ')
  return { state: fields[0] ?? '', processGroup: Number(fields[2]), startTime: fields[19] ?? '', command: text.slice(open + 1, close) }
}
