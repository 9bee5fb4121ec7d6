import { SECRET_MASK } from '../parameters/schema'

/**
 * Masks a run's secrets (spec §5.7: never in logs) with `***`.
 *
 * In free text ({@link redact}, {@link stream}) every occurrence of a secret text is masked; the caller
 * passes only texts long enough to mask (see `runSecrets`). A parsed result ({@link redactValue}) is never
 * cut into: a value is masked whole or left as it is. Longer secrets are matched first, so a secret that
 * contains another is masked whole. With no secrets and no names every method returns its input unchanged.
 */
export class Redactor {
  private readonly secrets: readonly string[]
  private readonly names: ReadonlySet<string>

  /** `secrets`: texts to mask; `names`: keys whose values a parsed result masks whole, whatever they hold. */
  constructor(secrets: readonly string[], names: readonly string[] = []) {
    this.secrets = [...new Set(secrets.filter((secret) => secret.length > 0))].sort((a, b) => b.length - a.length)
    this.names = new Set(names)
  }

  get active(): boolean {
    return this.secrets.length > 0
  }

  /** `text` with every secret replaced by `***`. */
  redact(text: string): string {
    return this.active ? maskAt(text, this.matches(text)) : text
  }

  /**
   * A parsed value with whole values masked, never a part of one (issue 9): the value under a secret
   * parameter's name (at any depth), any string (or key) that holds a secret text, and any number or
   * boolean that is one.
   * Everything else is kept exactly, so the result stays the document the action returned.
   */
  redactValue(value: unknown): unknown {
    if (!this.active && this.names.size === 0) return value
    if (typeof value === 'string') return this.holdsSecret(value) ? SECRET_MASK : value
    // A number is a secret only when it is one (a pin echoed back), not when its digits contain one.
    if (typeof value === 'number' || typeof value === 'boolean') return this.secrets.includes(String(value)) ? SECRET_MASK : value
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item))
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [this.holdsSecret(key) ? SECRET_MASK : key, this.names.has(key) && item !== null ? SECRET_MASK : this.redactValue(item)])
      )
    }
    return value
  }

  private holdsSecret(text: string): boolean {
    return this.secrets.some((secret) => text.includes(secret))
  }

  /** A redactor for text that arrives in pieces (see {@link StreamRedactor}). */
  stream(): StreamRedactor {
    return new StreamRedactor(this, this.secrets)
  }

  /**
   * Occurrences of secrets in `text` as [start, end) pairs, leftmost first, as {@link redact} replaces them:
   * at the same start the longest secret wins, and the search goes on after it.
   *
   * Plain `indexOf`, not a regular expression of the secrets: V8 refuses (when first used) a pattern past
   * about 32 KB, and a secret that long (a kubeconfig, a key bundle) must not crash the run.
   */
  matches(text: string): [number, number][] {
    const found: [number, number][] = []
    // The next occurrence of each secret at or after the search position (-1 once there is none).
    const next = this.secrets.map((secret) => text.indexOf(secret))
    let position = 0
    for (;;) {
      let best = -1
      for (let i = 0; i < this.secrets.length; i++) {
        if ((next[i] as number) !== -1 && (next[i] as number) < position) next[i] = text.indexOf(this.secrets[i] as string, position)
        const at = next[i] as number
        if (at !== -1 && (best === -1 || at < (next[best] as number))) best = i
      }
      if (best === -1) return found
      const start = next[best] as number
      position = start + (this.secrets[best] as string).length
      found.push([start, position])
    }
  }
}

/**
 * Redaction of a text that arrives in pieces, such as an action's output: a secret split across two
 * pieces is still masked.
 *
 * Only the shortest tail that could be the start of a secret is held back, so ordinary output passes on
 * at once; {@link end} releases the rest. {@link cut} is for a stream that was truncated: the held tail is
 * the start of a secret that will never complete, so it is masked instead of shown.
 */
export class StreamRedactor {
  private carry = ''
  private failures: number[][] | undefined

  constructor(
    private readonly redactor: Redactor,
    private readonly secrets: readonly string[]
  ) {}

  /** Redacted text that is safe to pass on now. */
  push(text: string): string {
    if (!this.redactor.active) return text
    const buffer = this.carry + text
    let cut = buffer.length - this.heldTail(buffer)
    const found = this.redactor.matches(buffer)
    for (const [start, end] of found) {
      if (start < cut && end > cut) cut = end
    }
    this.carry = buffer.slice(cut)
    // The matches before the cut are exactly those of the text before it: none crosses the cut.
    return maskAt(buffer.slice(0, cut), found.filter(([, end]) => end <= cut))
  }

  /** The held tail masked (it began a secret), then nothing is pending. */
  cut(): string {
    const held = this.carry
    this.carry = ''
    return held === '' ? '' : SECRET_MASK
  }

  /** Everything still held, redacted. */
  end(): string {
    const rest = this.redactor.redact(this.carry)
    this.carry = ''
    return rest
  }

  /** Length of the longest tail of `buffer` that is a proper prefix of some secret (KMP, linear per secret). */
  private heldTail(buffer: string): number {
    let held = 0
    this.failures ??= this.secrets.map(failureTable)
    this.secrets.forEach((secret, index) => {
      const failure = this.failures?.[index] ?? []
      let state = 0
      for (let i = Math.max(0, buffer.length - secret.length + 1); i < buffer.length; i++) {
        while (state > 0 && buffer[i] !== secret[state]) state = failure[state - 1] ?? 0
        if (buffer[i] === secret[state]) state++
        if (state === secret.length) state = failure[state - 1] ?? 0
      }
      held = Math.max(held, state)
    })
    return held
  }
}

/** `text` with each [start, end) of `found` (ordered, not overlapping) replaced by the mask. */
function maskAt(text: string, found: readonly (readonly [number, number])[]): string {
  let out = ''
  let from = 0
  for (const [start, end] of found) {
    out += text.slice(from, start) + SECRET_MASK
    from = end
  }
  return out + text.slice(from)
}

/** KMP failure function: for each prefix, the length of its longest proper prefix that is also its suffix. */
function failureTable(secret: string): number[] {
  const table = new Array<number>(secret.length).fill(0)
  let length = 0
  for (let i = 1; i < secret.length; i++) {
    while (length > 0 && secret[i] !== secret[length]) length = table[length - 1] ?? 0
    if (secret[i] === secret[length]) length++
    table[i] = length
  }
  return table
}
