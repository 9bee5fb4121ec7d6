import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ExecutionRecord } from '../store/execution-repository'
import { executionLogPaths, readSliceSync, toExecutionView, writeFinalStatusSync } from './execution-views'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'attune-views-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('readSliceSync', () => {
  it('reads a missing file as empty, and slices from an offset', () => {
    expect(readSliceSync(join(dir, 'none.log'), 5, 10)).toEqual({ text: '', nextOffset: 5, size: 0 })
    const file = join(dir, 'a.log')
    writeFileSync(file, 'hello world')
    expect(readSliceSync(file, 0, 5)).toEqual({ text: 'hello', nextOffset: 5, size: 11 })
    expect(readSliceSync(file, 6, 100)).toEqual({ text: 'world', nextOffset: 11, size: 11 })
    expect(readSliceSync(file, 11, 100)).toEqual({ text: '', nextOffset: 11, size: 11 })
  })

  it('never cuts a multi-byte character: a slice stops before it and the next one starts with it', () => {
    const file = join(dir, 'utf8.log')
    const text = 'aé€😀b'
    writeFileSync(file, text)
    for (const max of [2, 3, 4, 5]) {
      let offset = 0
      let joined = ''
      for (;;) {
        const slice = readSliceSync(file, offset, max)
        expect(slice.text).not.toContain('\uFFFD')
        // Stuck: the next character is longer than the window (only for windows under 4 bytes).
        if (slice.nextOffset === offset) break
        joined += slice.text
        offset = slice.nextOffset
      }
      expect(text.startsWith(joined)).toBe(true)
      if (max >= 4) expect(joined).toBe(text)
    }
  })
})

describe('toExecutionView and the status file', () => {
  const record: ExecutionRecord = {
    id: 7,
    actionRef: 'demo.a',
    packRef: 'demo',
    status: 'completed',
    parameters: {},
    options: {},
    runtimeRef: 'core.shell',
    constraint: null,
    selectedVersion: null,
    resolution: null,
    fallback: null,
    warnings: [],
    interpreter: '/bin/sh',
    envDir: null,
    depsHash: null,
    envIncomplete: false,
    exitCode: 0,
    result: { ok: true },
    stdoutParsed: true,
    stdoutTruncated: false,
    stderrTruncated: false,
    error: null,
    durationMs: 3,
    matrixId: null,
    rerunOf: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    startedAt: '2026-01-01T00:00:00.001Z',
    finishedAt: '2026-01-01T00:00:00.004Z'
  }

  it('reads stderr from the log and leaves stdout out when a result was parsed from it (spec §5.9)', () => {
    const logs = executionLogPaths(dir, 7)
    mkdirSync(logs.dir, { recursive: true })
    writeFileSync(logs.stdout, '{"ok": true}\n')
    writeFileSync(logs.stderr, 'note\n')
    expect(toExecutionView(record, dir, true)).toMatchObject({ id: 7, action: 'demo.a', result: { ok: true }, stdout: '', stderr: 'note\n' })
    expect(toExecutionView({ ...record, stdoutParsed: false, result: null }, dir, true).stdout).toBe('{"ok": true}\n')
    expect(toExecutionView({ ...record, stdoutParsed: false }, dir, false)).toMatchObject({ stdout: '', stderr: '' })
  })

  it('takes the output as given when the run that just ended hands it over, and reads the logs for one past the view limit', () => {
    // No log files at all: the text given is what the view shows.
    const given = { stdout: 'out €\n', stderr: 'err\n' }
    expect(toExecutionView({ ...record, stdoutParsed: false, result: null }, dir, given)).toMatchObject({ stdout: 'out €\n', stderr: 'err\n' })
    expect(toExecutionView(record, dir, given)).toMatchObject({ stdout: '', stderr: 'err\n' })
    // Past 10 MiB as UTF-8 (U+FFFD is 3 bytes): the view holds the logs' first 10 MiB, as a later `get` would.
    const logs = executionLogPaths(dir, 7)
    mkdirSync(logs.dir, { recursive: true })
    writeFileSync(logs.stdout, 'from the log\n')
    writeFileSync(logs.stderr, '')
    const huge = { stdout: '\uFFFD'.repeat(4 * 1024 * 1024), stderr: '' }
    expect(toExecutionView({ ...record, stdoutParsed: false, result: null }, dir, huge).stdout).toBe('from the log\n')
  })

  it('writes status.json beside the logs, creating the folder', () => {
    writeFinalStatusSync(dir, 9, 'abandoned')
    expect(JSON.parse(readFileSync(executionLogPaths(dir, 9).status, 'utf8'))).toMatchObject({ id: 9, status: 'abandoned', finishedAt: expect.any(String) })
  })
})
