import { readFileSync } from 'node:fs'
import { afterAll, describe, it, expect } from 'vitest'
import { truncationNotice } from '../output/bounded'
import { runProcess } from './runtime'
import { findPython, plainPythonConfig, ProcessTestRoot } from './test-kit'

const root = ProcessTestRoot.create()
afterAll(() => root.dispose())
const python = findPython()
if ('skip' in python) console.warn(`python output scenarios skipped: ${python.skip}`)
const py = 'python' in python ? python.python : ''

root.pack('out', {
  'actions/hundred.py': 'for _ in range(100):\n    print("x" * 10)\n',
  'actions/hundred_err.py': 'import sys\nfor _ in range(100):\n    print("x" * 10, file=sys.stderr)\nprint("small")\n',
  'actions/both.py': 'import sys\nfor _ in range(100):\n    print("o" * 10)\n    print("e" * 10, file=sys.stderr)\n',
  'actions/small.py': 'print("small output")\n',
  'actions/twenty.py': 'import sys\nchunk = b"z" * (1024 * 1024)\nfor _ in range(20):\n    sys.stdout.buffer.write(chunk)\nsys.stdout.flush()\n',
  'actions/binary.py': 'import sys\nsys.stdout.buffer.write(b"ok \\xff\\xfe \\xc3\\x28 end\\n")\n',
  'actions/utf8.py': 'import sys, time\nfor _ in range(2000):\n    sys.stdout.write("é€😀")\nsys.stdout.flush()\n',
  'actions/pipes.sh': '[ -p /dev/stdout ] && [ -p /dev/stderr ] && echo "both pipes"\nseq 1 200000\nseq 1 50000 >&2\n',
  'actions/shell-lines.sh': 'for i in $(seq 1 100); do echo "line number $i"; done\n',
  'actions/close-stdout.sh': 'echo "before close"\nexec 1>&-\nsleep 0.3\necho "stderr after close" >&2\nexit 0\n'
})

describe.skipIf('skip' in python)('output truncation, integration cases of spec §5.8', () => {
  const request = (entry: string, extra: Parameters<typeof root.request>[2] = {}) =>
    root.request('out', entry, { runtimeName: 'python', baseConfig: plainPythonConfig(py), ...extra })

  it('python printing 100×11 bytes with limit 500 → exit 0, truncated, marker, bytes_truncated > 0, ≤ 600', async () => {
    const result = await runProcess(request('hundred.py', { maxStdoutBytes: 500 }))
    expect(result.exitCode).toBe(0)
    expect(result.stdoutTruncated).toBe(true)
    expect(result.stdout).toContain('[OUTPUT TRUNCATED')
    expect(result.stdoutBytesTruncated).toBe(1100 - 372)
    expect(result.stdout.length).toBeLessThanOrEqual(600)
    expect(result.stderrTruncated).toBe(false)
  })

  it('stderr limit 300 → only stderr truncated', async () => {
    const result = await runProcess(request('hundred_err.py', { maxStderrBytes: 300 }))
    expect(result).toMatchObject({ exitCode: 0, stderrTruncated: true, stdoutTruncated: false, stdout: 'small\n', stdoutBytesTruncated: 0 })
    expect(result.stderr).toContain('stderr exceeded size limit')
  })

  it('both at 300 → both truncated', async () => {
    const result = await runProcess(request('both.py', { maxStdoutBytes: 300, maxStderrBytes: 300 }))
    expect([result.stdoutTruncated, result.stderrTruncated]).toEqual([true, true])
    expect(result.stdout.endsWith(truncationNotice('stdout'))).toBe(true)
    expect(result.stderr.endsWith(truncationNotice('stderr'))).toBe(true)
  })

  it('small output → untouched, bytes_truncated = 0', async () => {
    const result = await runProcess(request('small.py', { maxStdoutBytes: 500 }))
    expect(result).toMatchObject({ stdout: 'small output\n', stdoutTruncated: false, stdoutBytesTruncated: 0 })
  })

  it('a 20 MiB printer stays within the 10 MiB cap in the result, the log and the live batches', async () => {
    const batches: number[] = []
    const req = request('twenty.py', { onOutput: (_stream, text) => batches.push(text.length) })
    const result = await runProcess(req)
    const cap = 10 * 1024 * 1024
    expect(result.exitCode).toBe(0)
    expect(result.stdoutTruncated).toBe(true)
    expect(result.stdout.length).toBe(cap - 128 + truncationNotice('stdout').length)
    expect(result.stdoutBytesTruncated).toBe(20 * 1024 * 1024 - (cap - 128))
    expect(readFileSync(req.stdoutLogPath ?? '').length).toBe(result.stdout.length)
    expect(batches.reduce((sum, size) => sum + size, 0)).toBe(result.stdout.length)
    expect(Math.max(...batches)).toBeLessThanOrEqual(64 * 1024 + 65_536)
  })

  it('decodes invalid UTF-8 lossily', async () => {
    const result = await runProcess(request('binary.py'))
    expect(result.stdout).toBe('ok \uFFFD\uFFFD \uFFFD( end\n')
  })

  it('never splits a multi-byte character across live batches', async () => {
    const batches: string[] = []
    const result = await runProcess(request('utf8.py', { onOutput: (_stream, text) => batches.push(text) }))
    expect(result.stdout).toBe('é€😀'.repeat(2000))
    expect(batches.join('')).toBe(result.stdout)
    for (const batch of batches) expect(batch).not.toContain('\uFFFD')
  })
})

describe('output of shell actions', () => {
  it('shell limit 400 → truncated', async () => {
    const result = await runProcess(root.request('out', 'shell-lines.sh', { maxStdoutBytes: 400 }))
    expect(result).toMatchObject({ exitCode: 0, stdoutTruncated: true })
    expect(result.stdout.startsWith('line number 1\n')).toBe(true)
  })

  it('a child that closes stdout early still finishes normally', async () => {
    const started = Date.now()
    const result = await runProcess(root.request('out', 'close-stdout.sh'))
    expect(result).toMatchObject({ exitCode: 0, error: null, stdout: 'before close\n', stderr: 'stderr after close\n' })
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('a log that cannot be written marks the logs incomplete; the run still succeeds (spec §5.8)', async () => {
    // The log's folder would have to be a file: it cannot be created.
    const result = await runProcess(root.request('out', 'shell-lines.sh', { stdoutLogPath: `${root.packs}/out/actions/shell-lines.sh/stdout.log` }))
    expect(result).toMatchObject({ exitCode: 0, succeeded: true, logsIncomplete: true })
    expect(result.stdout).toContain('line number 100\n')
  })

  it('sends live output in batches to onOutput, both streams', async () => {
    const seen: string[] = []
    await runProcess(root.request('out', 'x', { codePath: null, code: 'echo out; echo err >&2', onOutput: (stream, text) => seen.push(`${stream}:${text}`) }))
    expect(seen.sort()).toEqual(['stderr:err\n', 'stdout:out\n'])
  })
})

describe('output pipes read into one reused buffer', () => {
  it('stdout and stderr are real pipes, and megabytes of lines arrive whole and in order', async () => {
    const result = await runProcess(root.request('out', 'pipes.sh'))
    const lines = (count: number): string => Array.from({ length: count }, (_, n) => `${n + 1}\n`).join('')
    expect(result.stdout).toBe(`both pipes\n${lines(200000)}`)
    expect(result.stderr).toBe(lines(50000))
    expect(result.stdoutTruncated).toBe(false)
  })
})
