/** Where the interpreter of a runtime version came from. */
export type InterpreterSource =
  | 'path'
  | 'system'
  | 'pyenv'
  | 'asdf'
  | 'mise'
  | 'nvm'
  | 'fnm'
  | 'volta'
  | 'uv'
  | 'homebrew'
  | 'absolute'

/** The detail of the last verification of a runtime or runtime version. */
export interface VerificationDetail {
  /** The command line that decided the outcome (the last one tried when none passed). */
  readonly command: string | null
  readonly exitCode: number | null
  /** Whether the pattern matched (true when the command has no pattern and the exit code matched). */
  readonly matched: boolean
  /** The head of stdout followed by stderr. */
  readonly output: string
  /** Every command tried, in priority order, with its own outcome. */
  readonly attempts: readonly VerificationAttempt[]
}

export interface VerificationAttempt {
  readonly command: string
  readonly exitCode: number | null
  readonly matched: boolean
  readonly outcome: string
  readonly cached: boolean
}

/** A runtime version as the CLI (`--json`) and the UI see it. Field names are a stable contract. */
export interface RuntimeVersionView {
  readonly runtime: string
  readonly name: string
  readonly version: string
  readonly isDefault: boolean
  readonly available: boolean
  readonly enabled: boolean
  readonly verifiedAt: string | null
  readonly interpreter: string | null
  readonly source: InterpreterSource | null
  /** Human detail of the source, e.g. "pyenv version 3.12.1 under /home/me/.pyenv". */
  readonly sourceDetail: string | null
  readonly verification: VerificationDetail | null
  readonly reason: string | null
  readonly meta: Readonly<Record<string, unknown>>
}

/** A runtime with its versions. */
export interface RuntimeView {
  readonly ref: string
  readonly name: string
  readonly aliases: readonly string[]
  readonly description: string | null
  readonly packRef: string | null
  readonly origin: 'catalog' | 'pack'
  readonly sourceFile: string | null
  /** Runtime-level availability (spec §3.5), what runs when no version is selected. */
  readonly available: boolean
  readonly verifiedAt: string | null
  readonly reason: string | null
  readonly verification: VerificationDetail | null
  readonly versions: readonly RuntimeVersionView[]
}

/** One candidate of a resolution, with why it matched or not. */
export interface ResolutionCandidate {
  readonly version: string
  readonly available: boolean
  readonly enabled: boolean
  readonly isDefault: boolean
  /** null when the version string or the constraint does not parse. */
  readonly matches: boolean | null
  readonly selected: boolean
  readonly reason: string
}

/** How a constraint resolves against a runtime's versions (`resolve --json`). */
export interface Resolution {
  readonly runtime: string
  readonly constraint: string | null
  readonly normalized: string | null
  readonly valid: boolean
  readonly error: string | null
  readonly selected: string | null
  /** `'base'` when nothing is selected: the worker runs the runtime's own config (spec §2.4). */
  readonly fallback: 'base' | null
  readonly decision: string
  readonly candidates: readonly ResolutionCandidate[]
}
