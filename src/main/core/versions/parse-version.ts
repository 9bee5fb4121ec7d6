import { rustTrim } from './rust-trim'
import { compareCrateVersions } from './semver-crate/crate-order'
import type { CrateVersion } from './semver-crate/crate-types'
import { describeInvalidVersion, parseStrictSemver } from './strict-semver'
import { VersionError } from './version-errors'

/** The components a version string actually wrote; the `version_major/minor/patch` columns (spec §1.2). */
export interface VersionComponents {
  readonly major: number | null
  readonly minor: number | null
  readonly patch: number | null
}

const I32_MAX = 2_147_483_647n

/**
 * Parse a version string the way Attune does, leniently.
 *
 * `version_matching.rs` `parse_version`: Rust-trim, strip one leading `v`/`V`, try `Version::parse`, else
 * pad `3` → `3.0.0`, `3.12` → `3.12.0`, keep the first three of `3.12.1.7`, and parse again. Pre-release
 * and build tags survive only the first path, so `3.12-beta` is an error. Numbers go up to u64::MAX.
 *
 * @throws VersionError naming the text, the reason, and the semver crate's own message.
 */
export function parseVersion(text: string): CrateVersion {
  const known = parsed.get(text)
  if (known !== undefined) return known
  const version = parseVersionUncached(text)
  if (parsed.size >= PARSED_MAX) parsed.clear()
  parsed.set(text, version)
  return version
}

/**
 * Versions parsed so far, by text: every run resolves its version against the same few rows, and a lenient
 * parse of `3.12` fails once (with an error built) before its padded form succeeds. Bounded; values are
 * read-only.
 */
const parsed = new Map<string, CrateVersion>()
const PARSED_MAX = 4096

function parseVersionUncached(text: string): CrateVersion {
  const stripped = stripOneV(rustTrim(text))
  const strict = parseStrictSemver(stripped)
  if (strict.ok) return strict.version
  const parts = stripped.split('.')
  const padded =
    parts.length === 1 ? `${parts[0]}.0.0` : parts.length === 2 ? `${parts[0]}.${parts[1]}.0` : parts.slice(0, 3).join('.')
  const retry = parseStrictSemver(padded)
  if (retry.ok) return retry.version
  // Describe the text as written: the padded form would blame components the author never typed.
  throw new VersionError(text, `${describeInvalidVersion(stripped)} (semver: ${retry.crateMessage})`)
}

/**
 * {@link parseVersion}, returning null instead of throwing.
 */
export function tryParseVersion(text: string): CrateVersion | null {
  try {
    return parseVersion(text)
  } catch (error) {
    if (error instanceof VersionError) return null
    throw error
  }
}

/**
 * Order two versions as the semver crate's `Ord for Version`, which Attune sorts with.
 *
 * `3.12` and `3.12.0` are equal, a pre-release sorts before its release, numeric pre-release identifiers
 * compare exactly at any size, and build metadata breaks otherwise-equal ties (`+1` < `+01`). Strings go
 * through {@link parseVersion}.
 *
 * @throws VersionError when a string does not parse.
 */
export function compareVersions(a: CrateVersion | string, b: CrateVersion | string): -1 | 0 | 1 {
  return compareCrateVersions(toVersion(a), toVersion(b))
}

/**
 * The components a version string wrote, null for those it left out.
 *
 * `version_matching.rs` `extract_version_components`: `3.12.1` → (3, 12, 1), `20.11` → (20, 11, null),
 * `20` → (20, null, null), and all null when {@link parseVersion} rejects the text. Components are
 * counted in the core before any `-`/`+`, so `3.12.1.7` → (3, 12, 1); one past i32 is null.
 */
export function extractVersionComponents(text: string): VersionComponents {
  const version = tryParseVersion(text)
  if (version === null) return { major: null, minor: null, patch: null }
  const core = stripOneV(rustTrim(text)).split(/[-+]/, 1)[0] ?? ''
  const count = core.split('.').length
  return {
    major: toInt32(version.major),
    minor: count >= 2 ? toInt32(version.minor) : null,
    patch: count >= 3 ? toInt32(version.patch) : null
  }
}

function toVersion(value: CrateVersion | string): CrateVersion {
  return typeof value === 'string' ? parseVersion(value) : value
}

function stripOneV(text: string): string {
  return text.startsWith('v') || text.startsWith('V') ? text.slice(1) : text
}

// The columns are INT: Attune stores NULL for a component that does not fit in an i32.
function toInt32(value: bigint): number | null {
  return value <= I32_MAX ? Number(value) : null
}
