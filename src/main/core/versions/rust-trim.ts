// Rust's `str::trim` removes characters with the Unicode White_Space property (U+0085 NEXT LINE yes,
// U+FEFF BYTE ORDER MARK no); JavaScript's `trim` differs on exactly those two, so Attune's trims use this.
const LEADING = /^\p{White_Space}+/u
const TRAILING = /\p{White_Space}+$/u

/** `str::trim` as Rust defines it: leading and trailing Unicode White_Space removed. */
export function rustTrim(text: string): string {
  return text.replace(LEADING, '').replace(TRAILING, '')
}
