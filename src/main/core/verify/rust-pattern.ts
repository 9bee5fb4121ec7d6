/** ASCII classes Rust's `regex` accepts inside brackets (`[[:digit:]]`), as JavaScript class ranges. */
const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f'
}

// Characters JavaScript's `u` mode lets a backslash escape as themselves; Rust lets any ASCII
// punctuation be escaped, so the others are written as hex escapes instead.
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/')

/**
 * Compile a pattern written for Rust's `regex` crate (spec §3.1 step 3) as a JavaScript RegExp, or null
 * when it cannot be compiled — an invalid pattern fails its command, as in the worker.
 *
 * Leading inline flags `(?i)`, `(?m)`, `(?s)` become JavaScript flags and `(?x)` drops whitespace and
 * `#` comments, and the pattern is compiled in Unicode mode (Rust's default), with the syntax that differs
 * translated: `\A` and `\z` (start and end of text), `(?P<name>…)` groups, escaped punctuation such as
 * `\-` or `\:`, `[[:digit:]]`-style classes, `\pL` without braces, `a{,3}`, and `\d \w \s \b`, which
 * are Unicode-aware in Rust (ASCII-only in JavaScript). What Rust rejects and JavaScript would read differently (backreferences) is refused, so a
 * pattern never silently matches other text than it would on a worker.
 */
export function compileRustPattern(pattern: string): RegExp | null {
  const inline = /^\(\?([imsx]+)\)/.exec(pattern)
  const given = new Set(inline?.[1] ?? '')
  const flags = `${[...given].filter((flag) => flag !== 'x').join('')}u`
  const rest = inline ? pattern.slice(inline[0].length) : pattern
  const body = translate(given.has('x') ? stripVerbose(rest) : rest)
  if (body === null) return null
  try {
    return new RegExp(body, flags)
  } catch {
    return null
  }
}

// Rust's Perl classes are Unicode-aware (UTS#18 "simple word" and White_Space); `inClass` is the same
// set written to go inside a bracket class, or '' where JavaScript cannot say it there.
const WORD = '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}'
const UNICODE_PERL: Readonly<Record<string, { readonly outside: string; readonly inClass: string }>> = {
  d: { outside: '\\p{Nd}', inClass: '\\p{Nd}' },
  D: { outside: '\\P{Nd}', inClass: '\\P{Nd}' },
  s: { outside: '\\p{White_Space}', inClass: '\\p{White_Space}' },
  S: { outside: '\\P{White_Space}', inClass: '\\P{White_Space}' },
  w: { outside: `[${WORD}]`, inClass: WORD },
  W: { outside: `[^${WORD}]`, inClass: '' },
  b: { outside: `(?:(?<=[${WORD}])(?![${WORD}])|(?<![${WORD}])(?=[${WORD}]))`, inClass: '' },
  B: { outside: `(?:(?<=[${WORD}])(?=[${WORD}])|(?<![${WORD}])(?![${WORD}]))`, inClass: '' }
}

// `(?x)`: whitespace (inside classes too, as in regex-syntax) and `#` comments outside classes are not
// part of the pattern; an escaped one is.
function stripVerbose(pattern: string): string {
  let out = ''
  let inClass = false
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string
    if (char === '\\') {
      out += pattern.slice(i, i + 2)
      i++
    } else if (/\s/.test(char)) {
      continue
    } else if (inClass) {
      if (char === ']') inClass = false
      out += char
    } else if (char === '#') {
      while (i < pattern.length && pattern[i] !== '\n') i++
    } else {
      if (char === '[') inClass = true
      out += char
    }
  }
  return out
}

function translate(pattern: string): string | null {
  let out = ''
  let inClass = false
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string
    if (char === '\\') {
      const next = pattern[i + 1]
      if (next === undefined) return null
      i++
      if (next === 'A' && !inClass) out += '(?<![\\s\\S])'
      else if (next === 'z' && !inClass) out += '(?![\\s\\S])'
      else if (next in UNICODE_PERL && (inClass ? UNICODE_PERL[next]?.inClass : true)) {
        const perl = UNICODE_PERL[next]
        if (perl === undefined) return null
        out += inClass ? perl.inClass : perl.outside
      } else if ((next === 'W' || next === 'B' || next === 'b') && inClass) return null
      else if ((next === 'p' || next === 'P') && /^[A-Za-z]$/.test(pattern[i + 1] ?? '')) {
        out += `\\${next}{${pattern[i + 1]}}`
        i++
      } else if (/[0-9]/.test(next)) return null
      else if (/[A-Za-z]/.test(next) || JS_SYNTAX.has(next) || (inClass && next === '-')) out += `\\${next}`
      else out += `\\x${next.charCodeAt(0).toString(16).padStart(2, '0')}`
      continue
    }
    if (inClass) {
      if (char === '[' && pattern[i + 1] === ':') {
        const end = pattern.indexOf(':]', i + 2)
        const ranges = end === -1 ? undefined : POSIX_CLASSES[pattern.slice(i + 2, end)]
        // `[:^digit:]` and nested classes have no JavaScript class-range equivalent.
        if (ranges === undefined) return null
        out += ranges
        i = end + 1
        continue
      }
      if (char === '[') return null
      if (char === ']') inClass = false
      out += char
      continue
    }
    if (char === '[') {
      inClass = true
      out += char
      // A leading `]` (or `^]`) is a literal in Rust, an empty class in JavaScript.
      if (pattern[i + 1] === '^') {
        out += '^'
        i++
      }
      if (pattern[i + 1] === ']') {
        out += '\\]'
        i++
      }
      continue
    }
    if (char === '{' && pattern[i + 1] === ',' && !inClass) {
      // Rust's `a{,3}` is `a{0,3}`; JavaScript's Unicode mode rejects the short form.
      out += '{0'
      continue
    }
    if (char === '(' && pattern.startsWith('(?P<', i)) {
      out += '(?<'
      i += 3
      continue
    }
    out += char
  }
  return inClass ? null : out
}
