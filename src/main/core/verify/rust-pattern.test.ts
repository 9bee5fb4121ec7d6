import { describe, expect, it } from 'vitest'
import { compileRustPattern } from './probe-check'

function matches(pattern: string, text: string): boolean {
  const regex = compileRustPattern(pattern)
  if (regex === null) throw new Error(`${pattern} did not compile`)
  return regex.test(text)
}

describe('compileRustPattern', () => {
  it.each([
    ['v\\d+\\.\\d+\\.\\d+', 'v20.11.1', true],
    ['v20\\.', 'v22.3.0', false],
    // unanchored: a warning line before the version does no harm
    ['Python 3\\.12\\.', 'warning: something\nPython 3.12.4', true],
    ['3\\.14\\.15', 'v3.14.15', true],
    ['(?i)python 3', 'Python 3.12.4', true],
    ['python 3', 'Python 3.12.4', false],
    ['(?m)^Python', 'pyenv: note\nPython 3.12.4', true],
    ['^Python', 'pyenv: note\nPython 3.12.4', false],
    ['(?s)a.b', 'a\nb', true],
    ['a.b', 'a\nb', false],
    ['(?ims)^x.Y$', 'w\nX\ny\nz', true]
  ])('%s on %j → %s', (pattern, text, expected) => {
    expect(matches(pattern, text)).toBe(expected)
  })

  it('reads \\A and \\z as start and end of text, not as the letters A and z', () => {
    expect(matches('\\Av20', 'v20.11.1')).toBe(true)
    expect(matches('\\Av20', 'Av20')).toBe(false)
    expect(matches('(?m)\\Av20', 'x\nv20')).toBe(false)
    expect(matches('\\d\\z', 'v20.11.1')).toBe(true)
    expect(matches('\\d\\z', 'v20.11.1\n')).toBe(false)
  })

  it('accepts Rust named groups (?P<name>…)', () => {
    const regex = compileRustPattern('v(?P<major>\\d+)\\.')
    expect(regex?.exec('v22.3.0')?.groups?.major).toBe('22')
  })

  it('accepts escaped punctuation that JavaScript Unicode mode would reject', () => {
    expect(matches('go1\\.22 linux\\/amd64', 'go version go1.22 linux/amd64')).toBe(true)
    expect(matches('3\\.13\\.0\\-rc\\:1', '3.13.0-rc:1')).toBe(true)
    expect(matches('[\\-\\:]x', ':x')).toBe(true)
  })

  it('translates ASCII classes such as [[:digit:]]', () => {
    expect(matches('Python [[:digit:]]+\\.[[:digit:]]+', 'Python 3.12')).toBe(true)
    expect(matches('^[[:alpha:]_]+$', 'node_js')).toBe(true)
    expect(matches('Python [[:digit:]]', 'Python :')).toBe(false)
  })

  it('understands Unicode classes like Rust (\\p{…})', () => {
    expect(matches('^\\p{L}+ \\d', 'Pythön 3')).toBe(true)
    expect(matches('^\\p{L}+$', '123')).toBe(false)
  })

  // Rust's regex crate: \d \w \s \b are Unicode-aware; JavaScript's are ASCII-only.
  it.each([
    ['^\\d+$', '١٢٣', true], // Arabic-Indic digits are Nd
    ['^\\w+$', 'Pythön', true],
    ['^\\s$', '\u0085', true], // NEXT LINE is White_Space
    ['^\\s$', '\ufeff', false],
    ['\\bön\\b', 'Pyth ön 3', true],
    ['\\bön', 'Pythön', false], // no boundary between h and ö: both are word characters
    ['^[\\d.]+$', '3.١٢', true],
    ['^\\D$', '٣', false],
    ['^\\pL+$', 'Pythön', true],
    ['^\\PL$', '3', true],
    ['^a{,3}$', 'aaa', true],
    ['^a{,3}$', 'aaaa', false],
    ['(?x) Python \\s+ 3 # the major version', 'Python 3.12', true],
    ['(?x) Python\\ 3', 'Python 3', true],
    ['(?xi) python [\\ ] 3', 'Python 3', true]
  ])('Rust semantics: %s on %j → %s', (pattern, text, expected) => {
    expect(matches(pattern, text)).toBe(expected)
  })

  it('keeps a leading ] in a class literal', () => {
    expect(matches('[]x]', ']')).toBe(true)
    expect(matches('[^]x]', ']')).toBe(false)
  })

  it.each([
    ['an unclosed group', '('],
    ['an unclosed class', 'v[0-9'],
    ['a backreference (Rust has none)', '(a)\\1'],
    ['a \\W inside a class (no JavaScript equivalent in Unicode mode)', '[\\Wx]'],
    ['a negated POSIX class', '[[:^digit:]]'],
    ['an unknown POSIX class', '[[:nope:]]'],
    ['a trailing backslash', 'v20\\']
  ])('refuses %s', (_name, pattern) => {
    expect(compileRustPattern(pattern)).toBeNull()
  })
})
