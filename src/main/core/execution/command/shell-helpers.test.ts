import { describe, it, expect } from 'vitest'
import { shellIdentifier, wrapWithShellHelpers } from './shell-helpers'

describe('shellIdentifier (spec §5.6)', () => {
  it.each([
    ['name', 'name'],
    ['test.api_url', 'test_api_url'],
    ['Content-Type', 'Content_Type'],
    ['1st', '_st'],
    ['9', '_'],
    ['', '_'],
    ['héllo wörld', 'h_llo_w_rld'],
    ['_ok_9', '_ok_9']
  ])('%j → %s', (key, ident) => {
    expect(shellIdentifier(key)).toBe(ident)
  })
})

describe('wrapWithShellHelpers', () => {
  it('starts with bash and set -e, defines PARAM_ and plain variables, then the code', () => {
    const script = wrapWithShellHelpers({ name: 'Alice', 'test.api_url': 'https://api.example.com/v1' }, 'echo "$name"')
    expect(script).toBe(
      [
        '#!/bin/bash',
        'set -e',
        "PARAM_NAME='Alice'",
        "name='Alice'",
        "PARAM_TEST_API_URL='https://api.example.com/v1'",
        "test_api_url='https://api.example.com/v1'",
        'echo "$name"',
        ''
      ].join('\n')
    )
  })

  it('writes numbers and booleans as text, objects, arrays and null as JSON, quotes escaped', () => {
    const script = wrapWithShellHelpers({ n: 3, b: true, o: { a: 1 }, l: [1, 2], z: null, q: "it's" }, ':')
    expect(script).toContain("n='3'")
    expect(script).toContain("b='true'")
    expect(script).toContain(`o='{"a":1}'`)
    expect(script).toContain("l='[1,2]'")
    expect(script).toContain("z='null'")
    expect(script).toContain("q='it'\\''s'")
    expect(script).not.toMatch(/export/)
  })
})
