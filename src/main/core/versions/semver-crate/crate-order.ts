import type { CrateVersion } from './crate-types'

// A port of the semver crate's orderings (dtolnay/semver src/impls.rs): exact on u64 numbers and on
// numeric identifiers of any length, because neither is ever turned into a floating-point number.

type Ordering = -1 | 0 | 1

/** `Ord for Version` (derived): major, minor, patch, then pre-release, then build metadata. */
export function compareCrateVersions(a: CrateVersion, b: CrateVersion): Ordering {
  return (
    compareBigInt(a.major, b.major) ||
    compareBigInt(a.minor, b.minor) ||
    compareBigInt(a.patch, b.patch) ||
    comparePrerelease(a.pre, b.pre) ||
    compareBuildMetadata(a.build, b.build)
  )
}

/** `Ord for Prerelease`: none is highest; numeric identifiers by length then digits, below alphanumerics. */
export function comparePrerelease(a: string, b: string): Ordering {
  if (a === b) return 0
  if (a === '') return 1
  if (b === '') return -1
  return compareIdentifiers(a, b, (x, y) => compareNumbers(x, y))
}

/** `Ord for BuildMetadata`: numeric identifiers by value, then by written length (`0 < 00 < 1 < 01`). */
export function compareBuildMetadata(a: string, b: string): Ordering {
  if (a === b) return 0
  return compareIdentifiers(a, b, (x, y) => {
    const xValue = x.replace(/^0+/, '')
    const yValue = y.replace(/^0+/, '')
    return compareNumbers(xValue, yValue) || sign(x.length - y.length)
  })
}

function compareIdentifiers(a: string, b: string, numeric: (x: string, y: string) => Ordering): Ordering {
  const left = a === '' ? [] : a.split('.')
  const right = b === '' ? [] : b.split('.')
  for (let index = 0; index < left.length; index += 1) {
    const x = left[index] ?? ''
    const y = right[index]
    if (y === undefined) return 1
    const xDigits = /^[0-9]*$/.test(x)
    const yDigits = /^[0-9]*$/.test(y)
    if (xDigits && !yDigits) return -1
    if (!xDigits && yDigits) return 1
    const order = xDigits ? numeric(x, y) : compareText(x, y)
    if (order !== 0) return order
  }
  return right.length > left.length ? -1 : 0
}

// Digit strings without leading zeros: the longer is larger, equal lengths compare as text.
function compareNumbers(a: string, b: string): Ordering {
  return sign(a.length - b.length) || compareText(a, b)
}

// Rust's `str` order is byte order, which for these ASCII identifiers is JavaScript's code-unit order.
function compareText(a: string, b: string): Ordering {
  return a < b ? -1 : a > b ? 1 : 0
}

function compareBigInt(a: bigint, b: bigint): Ordering {
  return a < b ? -1 : a > b ? 1 : 0
}

function sign(value: number): Ordering {
  return value < 0 ? -1 : value > 0 ? 1 : 0
}
