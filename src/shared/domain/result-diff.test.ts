import { describe, expect, it } from 'vitest'
import { diffLines, diffRuns, diffValues, type RunOutcome } from './result-diff'

const run = (over: Partial<RunOutcome>): RunOutcome => ({ status: 'completed', exitCode: 0, result: null, stdout: '', stderr: '', ...over })

describe('diffValues', () => {
  it.each([
    ['equal mappings', { a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, []],
    ['a changed value', { v: '3.12' }, { v: '3.13' }, [{ path: 'v', kind: 'changed', before: '3.12', after: '3.13' }]],
    ['added and removed keys', { a: 1 }, { b: 2 }, [{ path: 'a', kind: 'removed', before: 1 }, { path: 'b', kind: 'added', after: 2 }]],
    ['nested paths', { x: { y: [1, { z: true }] } }, { x: { y: [1, { z: false }] } }, [{ path: 'x.y[1].z', kind: 'changed', before: true, after: false }]],
    ['a longer list', [1], [1, 2], [{ path: '[1]', kind: 'added', after: 2 }]],
    ['a shorter list', [1, 2], [1], [{ path: '[1]', kind: 'removed', before: 2 }]],
    ['a change of kind', { a: 1 }, [1], [{ path: '(result)', kind: 'changed', before: { a: 1 }, after: [1] }]],
    ['scalars', 1, 2, [{ path: '(result)', kind: 'changed', before: 1, after: 2 }]]
  ])('%s', (_name, before, after, changes) => {
    expect(diffValues(before, after)).toEqual(changes)
  })
})

describe('diffLines', () => {
  it.each([
    ['same text', 'a\nb\n', 'a\nb\n', [{ op: ' ', text: 'a' }, { op: ' ', text: 'b' }]],
    ['one line changed', 'a\nb\nc', 'a\nB\nc', [{ op: ' ', text: 'a' }, { op: '-', text: 'b' }, { op: '+', text: 'B' }, { op: ' ', text: 'c' }]],
    ['a line added', 'a', 'a\nb', [{ op: ' ', text: 'a' }, { op: '+', text: 'b' }]],
    ['everything removed', 'a\nb', '', [{ op: '-', text: 'a' }, { op: '-', text: 'b' }]]
  ])('%s', (_name, before, after, lines) => {
    expect(diffLines(before, after)).toEqual(lines)
  })
})

describe('diffRuns', () => {
  it('is the same when status, exit code and result agree', () => {
    expect(diffRuns('3.13', run({ result: { a: 1 } }), run({ result: { a: 1 }, stdout: 'noise' }))).toMatchObject({ same: true, fields: [], stdout: null })
  })

  it('compares JSON results field by field and not their output', () => {
    const diff = diffRuns('3.13', run({ result: { v: 13 }, stdout: 'x' }), run({ result: { v: 12 }, stdout: 'y' }))
    expect(diff).toEqual({ baseline: '3.13', same: false, status: null, exitCode: null, fields: [{ path: 'v', kind: 'changed', before: 13, after: 12 }], stdout: null, stderr: null })
  })

  it('compares stdout and stderr line by line when the results are not JSON, with status and exit code', () => {
    const diff = diffRuns('3.13', run({ stdout: 'ok\n' }), run({ status: 'failed', exitCode: 1, stdout: 'ok\n', stderr: 'boom\n' }))
    expect(diff).toMatchObject({
      same: false,
      status: { before: 'completed', after: 'failed' },
      exitCode: { before: 0, after: 1 },
      fields: null,
      stdout: null,
      stderr: [{ op: '+', text: 'boom' }]
    })
  })
})
