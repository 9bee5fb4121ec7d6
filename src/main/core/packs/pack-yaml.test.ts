import { describe, expect, it } from 'vitest'
import { readPackYaml } from './pack-yaml'

const FILE = '/packs/demo/pack.yaml'

function pack(text: string): ReturnType<typeof readPackYaml> {
  return readPackYaml(FILE, text)
}

describe('readPackYaml', () => {
  it('reads ref, label, description and version, ignoring other keys', () => {
    expect(pack('ref: demo\nlabel: Demo\ndescription: A demo\nversion: "1.2.3"\nauthor: me\nconf_schema: {}\n')).toEqual({
      pack: { ref: 'demo', label: 'Demo', description: 'A demo', version: '1.2.3' },
      problems: []
    })
    expect(pack('ref: my-pack_2\n')).toEqual({ pack: { ref: 'my-pack_2', label: null, description: null, version: null }, problems: [] })
  })

  it('a YAML syntax error is the error, with its line, column and a caret under it', () => {
    expect(pack('ref: demo\nlabel: a\nlabel: b\n')).toEqual({
      error: { file: FILE, field: null, line: 3, severity: 'error', message: 'YAML syntax error: Map keys must be unique at line 3, column 1\n    label: b\n    ^' }
    })
    expect(pack('ref: demo\nlabel: "unclosed\n')).toEqual({ error: expect.objectContaining({ line: 2, message: expect.stringMatching(/^YAML syntax error: /) }) })
  })

  it.each([
    ['', "is required: pack.yaml is empty (or only comments)"],
    ['# only a comment\n', "is required: pack.yaml is empty"],
    ['- a\n- b\n', 'found a list'],
    ['label: no ref\n', "is required: the pack's name"],
    ['ref: 42\n', 'found the number 42']
  ])('%j has no usable ref', (text, message) => {
    const result = pack(text)
    expect(result).toEqual({ error: expect.objectContaining({ file: FILE, severity: 'error', message: expect.stringContaining(message) }) })
  })

  it.each([
    ['My_Pack', "(for example 'my_pack')"],
    ['my.pack', "(for example 'my_pack')"],
    ['1pack', "(for example 'pack')"],
    ['a', ''],
    ['my pack', "(for example 'my_pack')"]
  ])("ref '%s' is invalid, with a suggestion when one exists", (ref, suggestion) => {
    const result = pack(`ref: "${ref}"\n`)
    if (!('error' in result)) throw new Error('expected an error')
    expect(result.error).toMatchObject({ field: 'ref', line: 1 })
    expect(result.error.message).toBe(
      `'${ref}' is not a valid pack ref: use lower-case letters, digits, '_' and '-', start with a letter, at least two characters, no dots${suggestion ? ` ${suggestion}` : ''}`
    )
  })

  it('warns when the version is not strict SemVer, keeping it as written', () => {
    const result = pack('ref: demo\nversion: "1.0"\n')
    expect(result).toEqual({
      pack: expect.objectContaining({ version: '1.0' }),
      problems: [
        {
          file: FILE,
          field: 'version',
          line: 2,
          severity: 'warning',
          message: `'1.0' is not a full MAJOR.MINOR.PATCH version; Attune requires a strict SemVer pack version (X.Y.Z[-pre][+build]), such as "1.0.0"`
        }
      ]
    })
  })

  it('an unquoted version is a number: warned, kept as written', () => {
    const result = pack('ref: demo\nversion: 1.10\n')
    expect(result).toEqual({
      pack: expect.objectContaining({ version: '1.10' }),
      problems: [expect.objectContaining({ field: 'version', severity: 'warning', message: expect.stringContaining('is the number 1.10') })]
    })
  })

  it('accepts pre-release and build versions', () => {
    expect(pack('ref: demo\nversion: 2.0.0-rc.1+build.5\n')).toEqual({ pack: expect.objectContaining({ version: '2.0.0-rc.1+build.5' }), problems: [] })
  })

  it('non-text label and description are warnings and ignored', () => {
    const result = pack('ref: demo\nlabel: [a]\ndescription: 5\n')
    expect(result).toEqual({
      pack: { ref: 'demo', label: null, description: null, version: null },
      problems: [expect.objectContaining({ field: 'label', line: 2, severity: 'warning' }), expect.objectContaining({ field: 'description', line: 3, severity: 'warning' })]
    })
  })
})
