import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCommand } from './run-command'

const env = { PATH: '/usr/bin:/bin' }

function script(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'run-command-'))
  const file = join(dir, 'cmd')
  writeFileSync(file, `#!/bin/sh\n${body}\n`)
  chmodSync(file, 0o755)
  return file
}

/** Running or sleeping; a zombie (killed, waiting for a reaper) counts as gone. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !/^\d+ \(.*\) Z/.test(stat)
  } catch {
    return false
  }
}

describe('runCommand', () => {
  it('captures exit code, both streams and stdin, with only the given environment', async () => {
    const file = script('read line; echo "out:$line:$HOME"; echo err >&2; exit 7')
    const result = await runCommand(file, [], { env, timeoutMs: 5000, stdin: 'hello\n' })
    expect(result).toMatchObject({ exitCode: 7, stdout: 'out:hello:\n', stderr: 'err\n', timedOut: false, spawnError: null })
  })

  it('reports a missing or non-executable file as a spawn error, never throws', async () => {
    expect((await runCommand('/nonexistent/cmd', [], { env, timeoutMs: 1000 })).spawnError).toBe('not found')
    const file = script('exit 0')
    chmodSync(file, 0o644)
    expect((await runCommand(file, [], { env, timeoutMs: 1000 })).spawnError).toBe('not executable')
  })

  it('keeps at most maxOutputBytes but streams every chunk', async () => {
    let streamed = 0
    const file = script('head -c 100000 /dev/zero')
    const result = await runCommand(file, [], { env, timeoutMs: 5000, maxOutputBytes: 1000, onOutput: (_s, c) => (streamed += c.length) })
    expect(result.stdout.length).toBe(1000)
    expect(streamed).toBe(100000)
    expect(result.exitCode).toBe(0)
  })

  it('a timeout kills the whole process group, grandchildren included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'run-command-pid-'))
    const file = script(`sleep 30 & echo $! > ${dir}/pid; wait`)
    const result = await runCommand(file, [], { env, timeoutMs: 300 })
    expect(result.timedOut).toBe(true)
    expect(result.exitCode).toBe(-1)
    const grandchild = Number(readFileSync(join(dir, 'pid'), 'utf8'))
    await new Promise((r) => setTimeout(r, 100))
    expect(alive(grandchild)).toBe(false)
  })

  it('a grandchild that keeps the pipes open does not hold the result once the child exits', async () => {
    const file = script('sleep 30 & echo started')
    const started = Date.now()
    const result = await runCommand(file, [], { env, timeoutMs: 10_000 })
    expect(result).toMatchObject({ exitCode: 0, stdout: 'started\n', timedOut: false })
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('aborting kills the command and reports it as a kill', async () => {
    const file = script('sleep 30')
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 200)
    const result = await runCommand(file, [], { env, timeoutMs: 10_000, signal: controller.signal })
    expect(result.exitCode).toBe(-1)
    expect(result.timedOut).toBe(false)
    expect((await runCommand(file, [], { env, timeoutMs: 10_000, signal: controller.signal })).spawnError).toBe('aborted')
  })
})
