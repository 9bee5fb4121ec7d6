/**
 * A small ANSI SGR parser for logs: 16 and 256 colours (and 24-bit), bold, dim, italic, underline,
 * inverse. Every other escape or control sequence is dropped; the text itself is left to React,
 * which escapes it.
 */

export interface AnsiStyle {
  readonly fg: string | null
  readonly bg: string | null
  readonly bold: boolean
  readonly dim: boolean
  readonly italic: boolean
  readonly underline: boolean
  readonly inverse: boolean
}

export interface AnsiSegment {
  readonly text: string
  readonly style: AnsiStyle
}

export const PLAIN: AnsiStyle = Object.freeze({ fg: null, bg: null, bold: false, dim: false, italic: false, underline: false, inverse: false })

// CSI … final byte, OSC … BEL or ST, a two-byte escape, or another C0 control (tab kept).
// eslint-disable-next-line no-control-regex
const TOKENS = /\x1b\[([0-9;:?]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]?|[\x00-\x08\x0b-\x1f\x7f]/g

/** Split a line (no newline inside) into styled segments, starting from `style`; returns the style after it. */
export function parseAnsi(line: string, style: AnsiStyle = PLAIN): { segments: AnsiSegment[]; style: AnsiStyle } {
  const segments: AnsiSegment[] = []
  let current = style
  let last = 0
  const push = (text: string): void => {
    if (text === '') return
    const previous = segments[segments.length - 1]
    if (previous && previous.style === current) segments[segments.length - 1] = { text: previous.text + text, style: current }
    else segments.push({ text, style: current })
  }
  TOKENS.lastIndex = 0
  for (let match = TOKENS.exec(line); match; match = TOKENS.exec(line)) {
    push(line.slice(last, match.index))
    last = match.index + match[0].length
    if (match[2] === 'm') current = applySgr(current, match[1] ?? '')
  }
  push(line.slice(last))
  return { segments, style: current }
}

/** Apply one SGR parameter list (`1;31`, `38;5;208`, empty = reset). */
export function applySgr(style: AnsiStyle, params: string): AnsiStyle {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((part) => (part === '' ? 0 : Number(part)))
  let next: { -readonly [K in keyof AnsiStyle]: AnsiStyle[K] } = { ...style }
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as number
    if (code === 0) next = { ...PLAIN }
    else if (code === 1) next.bold = true
    else if (code === 2) next.dim = true
    else if (code === 3) next.italic = true
    else if (code === 4) next.underline = true
    else if (code === 7) next.inverse = true
    else if (code === 22) next.bold = next.dim = false
    else if (code === 23) next.italic = false
    else if (code === 24) next.underline = false
    else if (code === 27) next.inverse = false
    else if (code >= 30 && code <= 37) next.fg = paletteColor(code - 30)
    else if (code >= 90 && code <= 97) next.fg = paletteColor(code - 90 + 8)
    else if (code >= 40 && code <= 47) next.bg = paletteColor(code - 40)
    else if (code >= 100 && code <= 107) next.bg = paletteColor(code - 100 + 8)
    else if (code === 39) next.fg = null
    else if (code === 49) next.bg = null
    else if (code === 38 || code === 48) {
      const { color, used } = extendedColor(codes, i + 1)
      if (color !== null) next[code === 38 ? 'fg' : 'bg'] = color
      i += used
    }
  }
  if (sameStyle(next, style)) return style
  return sameStyle(next, PLAIN) ? PLAIN : Object.freeze(next)
}

/** `5;n` (256 colours) or `2;r;g;b` after a 38/48. */
function extendedColor(codes: readonly number[], at: number): { color: string | null; used: number } {
  const mode = codes[at]
  if (mode === 5) {
    const index = codes[at + 1]
    return { color: index === undefined || index > 255 ? null : paletteColor(index), used: 2 }
  }
  if (mode === 2) {
    const [r, g, b] = [codes[at + 1], codes[at + 2], codes[at + 3]].map((v) => Math.min(255, Math.max(0, v ?? 0)))
    return { color: `rgb(${r}, ${g}, ${b})`, used: 4 }
  }
  return { color: null, used: 0 }
}

/** 0–15 follow the theme (CSS variables); 16–231 are the 6×6×6 cube; 232–255 the grey ramp. */
export function paletteColor(index: number): string {
  if (index < 16) return `var(--ansi-${index})`
  if (index < 232) {
    const n = index - 16
    const level = (v: number): number => (v === 0 ? 0 : 55 + v * 40)
    return `rgb(${level(Math.floor(n / 36))}, ${level(Math.floor(n / 6) % 6)}, ${level(n % 6)})`
  }
  const grey = 8 + (index - 232) * 10
  return `rgb(${grey}, ${grey}, ${grey})`
}

function sameStyle(a: AnsiStyle, b: AnsiStyle): boolean {
  return a.fg === b.fg && a.bg === b.bg && a.bold === b.bold && a.dim === b.dim && a.italic === b.italic && a.underline === b.underline && a.inverse === b.inverse
}
