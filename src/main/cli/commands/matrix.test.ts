import { describe, expect, it } from 'vitest'
import type { ExecutionView, MatrixView } from '../../../shared/domain/execution'
import { oneLine, renderMatrix } from './matrix'

const run = (id: number, fields: Partial<ExecutionView>): ExecutionView => ({ id, status: 'failed', exitCode: 1, durationMs: 40, result: null, error: null, stdout: '', envIncomplete: false, ...fields }) as ExecutionView

describe('renderMatrix', () => {
  it('keeps one line per version when an error has newlines, and prints the full error below the table', () => {
    const error = 'Traceback (most recent call last):\n  File "hello.py", line 1\nModuleNotFoundError: No module named \'attune\''
    const matrix = {
      id: 3,
      action: 'python_example.hello',
      runs: [],
      entries: [
        { version: '3.13', run: run(7, { error, envIncomplete: true }), skipped: null, differs: false, diff: null },
        {
          version: '3.12',
          run: run(8, { status: 'completed', exitCode: 0, result: { ok: true } }),
          skipped: null,
          differs: true,
          diff: { baseline: '3.13', same: false, status: { before: 'failed', after: 'completed' }, exitCode: { before: 1, after: 0 }, fields: null, stdout: null, stderr: null }
        }
      ],
      summary: { passed: 1, failed: 1, versions: ['3.13', '3.12'], skipped: [], resultsDiffer: true, baseline: '3.13', repeat: 1 }
    } as unknown as MatrixView
    const text = renderMatrix(matrix)
    const [title, header, first, second] = text.split('\n')
    expect(title).toBe('python_example.hello — matrix 3')
    expect(header).toMatch(/^VERSION\s+STATUS/)
    expect(first).toMatch(/^3\.13\s+failed \(env incomplete\)\s+1\s+40 ms\s+Traceback \(most recent call last\): File "hello\.py", line 1 …\s+baseline$/)
    expect(second).toMatch(/^3\.12\s+completed\s+0\s+40 ms\s+\{"ok":true\}\s+differs from 3\.13$/)
    expect(text).toContain("3.13 (run 7) error:\n  Traceback (most recent call last):\n    File \"hello.py\", line 1\n  ModuleNotFoundError: No module named 'attune'\n")
    expect(text).toContain('3.12 (run 8) vs 3.13:\n  status: failed → completed\n  exit code: 1 → 0')
  })

  it('flattens control characters in a cell', () => {
    expect(oneLine('a\r\n\tb\u001b[31m', 60)).toBe('a b [31m')
  })
})
