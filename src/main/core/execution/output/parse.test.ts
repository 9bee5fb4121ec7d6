import { describe, it, expect } from 'vitest'
import { parseOutput } from './parse'

describe('parseOutput (spec §5.9, scenario 33)', () => {
  it.each([
    ['text → none', 'hello', 'text', null],
    ['JSON', '{"status":"ok","count":42}', 'json', { value: { status: 'ok', count: 42 } }],
    ['JSON with log lines before it → the last line', 'starting\nworking...\n{"result":1}\n', 'json', { value: { result: 1 } }],
    ['JSON that fails whole and last line → none', '{"a":\nnot json', 'json', null],
    ['multi-line JSON parses whole', '{\n  "a": [1,\n 2]\n}', 'json', { value: { a: [1, 2] } }],
    ['a JSON scalar', '42', 'json', { value: 42 }],
    ['JSON null is a result', 'null', 'json', { value: null }],
    ['JSONL of 3 lines → array of 3', '{"a":1}\n{"a":2}\n{"a":3}', 'jsonl', { value: [{ a: 1 }, { a: 2 }, { a: 3 }] }],
    ['JSONL skipping bad lines', 'log\n{"a":1}\n\nnope {\n[2]\n', 'jsonl', { value: [{ a: 1 }, [2]] }],
    ['JSONL with no valid line → none', 'a\nb', 'jsonl', null],
    ['YAML key: value', 'key: value\nother: 42', 'yaml', { value: { key: 'value', other: 42 } }],
    ['invalid YAML → none', 'a: [1\nb', 'yaml', null],
    ['empty → none', '', 'json', null],
    ['whitespace → none', ' \n\t\n', 'yaml', null],
    ['whitespace jsonl → none', '\n\n', 'jsonl', null]
  ] as const)('%s', (_name, stdout, format, expected) => {
    expect(parseOutput(stdout, format)).toEqual(expected)
  })
})
