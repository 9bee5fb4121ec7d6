import semver, { type SemVer } from 'semver'
import { describeInvalidVersion, parseStrictSemver } from './strict-semver'
import { VersionError } from './version-errors'

/** The components a version string actually wrote; the `version_major/minor/patch` columns (spec §1.2). */
export interface VersionComponents {
  readonly major: number | null
  readonly minor: number | null
  readonly patch: number | null
}

const I32_MAX = 2_147_483_647

/**
 * Parse a version string the way Attune does, leniently.
 *
 * spec §2.1: trim, strip one leading `v`/`V`, try strict SemVer, else pad `3` → `3.0.0`, `3.12` → `3.12.0`,
 * keep the first three of `3.12.1.7`, and parse strictly again. Pre-release and build tags survive only
 * the strict path, so `3.12-beta` is an error.
 *
 * @throws VersionError naming the text and the reason.
 */
export function parseVersion(text: string): SemVer {
  const stripped = stripOneV(text.trim())
  const strict = parseStrictSemver(stripped)
  if (strict.ok) return strict.version
  const parts = stripped.split('.')
  const padded =
    parts.length === 1 ? `${parts[0]}.0.0` : parts.length === 2 ? `${parts[0]}.${parts[1]}.0` : parts.slice(0, 3).join('.')
  const retry = parseStrictSemver(padded)
  if (retry.ok) return retry.version
  // Describe the text as written: the padded form would blame components the author never typed.
  throw new VersionError(text, describeInvalidVersion(stripped))
}

/**
 * {@link parseVersion}, returning null instead of throwing.
 */
export function tryParseVersion(text: string): SemVer | null {
  try {
    return parseVersion(text)
  } catch (error) {
    if (error instanceof VersionError) return null
    throw error
  }
}

/**
 * Order two versions by SemVer precedence, then build metadata.
 *
 * Mirrors Rust's `Ord for Version`, which Attune sorts with: `3.12` and `3.12.0` are equal, a pre-release
 * sorts before its release, and `+build` breaks otherwise-equal ties. Strings go through {@link parseVersion}.
 *
 * @throws VersionError when a string does not parse.
 */
export function compareVersions(a: SemVer | string, b: SemVer | string): -1 | 0 | 1 {
  return semver.compareBuild(toSemVer(a), toSemVer(b))
}

/**
 * The components a version string wrote, null for those it left out.
 *
 * spec §2.6: `3.12.1` → (3, 12, 1), `20.11` → (20, 11, null), `20` → (20, null, null), and all null when
 * {@link parseVersion} rejects the text. Components are counted in the core before any `-`/`+`, so
 * `3.12.1.7` → (3, 12, 1).
 */
export function extractVersionComponents(text: string): VersionComponents {
  const version = tryParseVersion(text)
  if (version === null) return { major: null, minor: null, patch: null }
  const core = stripOneV(text.trim()).split(/[-+]/, 1)[0] ?? ''
  const count = core.split('.').length
  return {
    major: toInt32(version.major),
    minor: count >= 2 ? toInt32(version.minor) : null,
    patch: count >= 3 ? toInt32(version.patch) : null
  }
}

function toSemVer(value: SemVer | string): SemVer {
  return typeof value === 'string' ? parseVersion(value) : value
}

function stripOneV(text: string): string {
  return text.startsWith('v') || text.startsWith('V') ? text.slice(1) : text
}

// The columns are INT: Attune stores NULL for a component that does not fit in an i32.
function toInt32(value: number): number | null {
  return value <= I32_MAX ? value : null
}
