import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeLeftovers, parseProcStat, ProcessTree } from './tree'

/** A fake /proc: `stat` with a start time, and the children of the process's one thread. */
function fakeProcess(proc: string, pid: number, startTime: string, children: readonly number[]): void {
  mkdirSync(join(proc, String(pid), 'task', String(pid)), { recursive: true })
  writeFileSync(join(proc, String(pid), 'stat'), `${pid} (cmd) S 1 ${pid} ${pid} 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 ${startTime} 0 0\n`)
  writeFileSync(join(proc, String(pid), 'task', String(pid), 'children'), children.map((child) => `${child} `).join(''))
}

describe('ProcessTree', () => {
  it('forgets a process that exited or whose pid was reused, and never follows a stranger’s children', () => {
    // Pids far above any pid_max: nothing real is ever looked at (and nothing is killed here).
    const proc = mkdtempSync(join(tmpdir(), 'fake-proc-'))
    try {
      fakeProcess(proc, 9_000_100, '100', [9_000_200])
      fakeProcess(proc, 9_000_200, '5000', [])
      const tree = ProcessTree.watch(9_000_100, { procDir: proc, refreshMs: 60_000 })!
      tree.stop()
      expect(tree.trackedPids()).toEqual([9_000_200])
      // 9_000_200 exits and its pid goes to an unrelated process with a child of its own.
      fakeProcess(proc, 9_000_100, '100', [])
      fakeProcess(proc, 9_000_200, '9999', [9_000_300])
      fakeProcess(proc, 9_000_300, '9999', [])
      tree.refresh()
      expect(tree.trackedPids()).toEqual([])
    } finally {
      rmSync(proc, { recursive: true, force: true })
    }
  })
})

describe('parseProcStat', () => {
  it('reads state, process group, start time and a command name holding spaces and parentheses', () => {
    const text = '4242 (my (odd) cmd) S 1 4240 4240 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 2367488 200 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n'
    expect(parseProcStat(text)).toEqual({ state: 'S', processGroup: 4240, startTime: '987654', command: 'my (odd) cmd' })
  })
})

describe('describeLeftovers', () => {
  it('says how many and which commands, never their arguments', () => {
    expect(describeLeftovers([{ pid: 7, command: 'sleep' }])).toBe('killed 1 process the action left running outside its process group when it ended: sleep (pid 7)')
    expect(describeLeftovers([{ pid: 7, command: 'sh' }, { pid: 8, command: 'sleep' }])).toMatch(/^killed 2 processes .*: sh \(pid 7\), sleep \(pid 8\)$/)
  })
})
