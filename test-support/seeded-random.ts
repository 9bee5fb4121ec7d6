/**
 * A deterministic random source for fuzz tests: the same seed gives the same payloads on every machine, so a
 * failure found once can be replayed (`ATTUNE_FUZZ_SEED=<seed> npx vitest run fuzz`).
 */

/** The seed fuzz tests use unless `ATTUNE_FUZZ_SEED` names another. */
export const DEFAULT_FUZZ_SEED = 0x5eed_a77e

/** `ATTUNE_FUZZ_SEED` (decimal or 0x-hex), else {@link DEFAULT_FUZZ_SEED}. */
export function fuzzSeed(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const text = env.ATTUNE_FUZZ_SEED?.trim()
  if (!text) return DEFAULT_FUZZ_SEED
  const value = Number(text)
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) throw new Error(`ATTUNE_FUZZ_SEED '${text}' is not a 32-bit unsigned integer`)
  return value
}

/** Awkward text: control characters, a lone surrogate, right-to-left marks, emoji, path and shell syntax. */
const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\0',
  '\u0000x',
  '\n\r\t',
  '\ud800',
  '\u202e\u2066rtl',
  '😀🚀',
  'ä ö ü ß',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '../../etc/passwd',
  '..',
  '.',
  '/',
  '~',
  '$(id)',
  '`id`',
  '; rm -rf /',
  '%s%s%n',
  '{{7*7}}',
  '${HOME}',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0x10',
  '1e309',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '*',
  '>=3.12',
  '3.x',
  '>=v3.12',
  '>=3.12 || <3.10',
  '>=3.12.1.7',
  'SELECT * FROM pack; --',
  "' OR 1=1 --",
  '\\\\?\\C:\\Windows',
  'CON',
  'a'.repeat(201),
  'A'.repeat(4097)
]

export class SeededRandom {
  private state: number

  constructor(readonly seed: number) {
    this.state = seed >>> 0
  }

  /** mulberry32: a uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** One of `entries`, each chosen in proportion to its weight. */
  weighted<T>(entries: readonly (readonly [number, T])[]): T {
    const total = entries.reduce((sum, [weight]) => sum + weight, 0)
    let roll = this.next() * total
    for (const [weight, value] of entries) {
      roll -= weight
      if (roll < 0) return value
    }
    return (entries[entries.length - 1] as readonly [number, T])[1]
  }

  /** Text of up to `maxLength` characters: plain words, awkward characters, or a known nasty string. */
  text(maxLength = 40): string {
    switch (this.int(0, 4)) {
      case 0:
        return this.pick(NASTY_STRINGS)
      case 1: {
        let out = ''
        const length = this.int(0, maxLength)
        for (let i = 0; i < length; i++) out += String.fromCharCode(this.int(0, 0xffff))
        return out
      }
      case 2:
        return this.pick(['a', 'b', 'x', 'demo', 'hello', 'core', 'python', 'shell', 'node']).repeat(this.int(1, 3)) + (this.chance(0.5) ? `.${this.int(0, 99)}` : '')
      default: {
        let out = ''
        const length = this.int(1, maxLength)
        const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789._-/ '
        for (let i = 0; i < length; i++) out += alphabet[this.int(0, alphabet.length - 1)]
        return out
      }
    }
  }

  /** A string of `bytes` ASCII characters (up to MiBs), made cheaply. */
  huge(bytes: number): string {
    const unit = this.pick(['x', 'ab', '../', 'é', '\0', ' ', '{"a":'])
    return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes)
  }

  /** A number that is awkward somewhere: zero, negative, fractional, huge, unsafe, not finite. */
  number(): number {
    return this.pick([0, -0, 1, -1, 2, 7, 1.5, -2.5, 1e-9, 2 ** 31, 2 ** 31 - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), Number.MAX_VALUE, Number.MIN_VALUE, Infinity, -Infinity, NaN, this.int(-1000, 1000), this.next() * 1e6])
  }

  /** A random JSON value, nested at most `depth` deep. */
  json(depth = 3): unknown {
    const kind = depth <= 0 ? this.int(0, 3) : this.int(0, 5)
    switch (kind) {
      case 0:
        return null
      case 1:
        return this.chance(0.5)
      case 2:
        return this.number()
      case 3:
        return this.text()
      case 4: {
        const length = this.int(0, 4)
        return Array.from({ length }, () => this.json(depth - 1))
      }
      default: {
        const object: Record<string, unknown> = {}
        const keys = this.int(0, 4)
        // Own keys, as JSON.parse makes them: '__proto__' becomes a key, not a prototype.
        for (let i = 0; i < keys; i++) Object.defineProperty(object, this.key(), { value: this.json(depth - 1), enumerable: true, writable: true, configurable: true })
        return object
      }
    }
  }

  /** An object key, sometimes one that attacks prototypes. */
  key(): string {
    return this.chance(0.15) ? this.pick(['__proto__', 'constructor', 'prototype', '__defineGetter__', 'toString', 'valueOf']) : this.text(12)
  }

  /** `value` wrapped `levels` deep in arrays or objects, built without recursion. */
  nest(levels: number, value: unknown = 1): unknown {
    const inObjects = this.chance(0.5)
    let out = value
    for (let i = 0; i < levels; i++) out = inObjects ? { a: out } : [out]
    return out
  }
}
