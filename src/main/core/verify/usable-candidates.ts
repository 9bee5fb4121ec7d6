import { basename } from 'node:path'
import type { InterpreterFamily } from '../discovery'
import { extractVersionComponents, type VersionComponents } from '../versions'

/** A runtime version a verification may need an installation for: its family and registered version. */
export interface WantedVersion {
  readonly family: InterpreterFamily
  readonly version: string
}

/** What discovery knows about a candidate before running it. */
export interface CandidateName {
  readonly family: InterpreterFamily
  readonly path: string
  readonly realPath: string
}

interface Pinned {
  readonly major: number
  readonly minor: number | null
}

const PINNED_PYTHON = /^python(\d+)(?:\.(\d+))?$/
const PINNED_NODE = /^node(\d+)$/

/**
 * Whether a candidate interpreter could stand in for one of `wanted` (the resolver accepts an installation
 * whose version matches the registered one, spec §2.5), judged before it is run: a name that pins a version
 * (`python3.9`, `python2`, `node18`) rules the candidate out when no wanted version has that major (and minor).
 * Both the path's name and the resolved file's name must rule it out, so a `python3.9` that is a link to
 * `python3.12` is still probed; an unpinned name (`python3` is pinned to 3 only, `python`, `node`) always is.
 * The version a probe reports stays the only one an installation is listed with.
 *
 * The wanted versions are read once, not once per candidate (a discovery judges dozens).
 */
export function standInFilter(wanted: readonly WantedVersion[]): (candidate: CandidateName) => boolean {
  const byFamily = new Map<InterpreterFamily, VersionComponents[]>()
  for (const w of wanted) byFamily.set(w.family, [...(byFamily.get(w.family) ?? []), extractVersionComponents(w.version)])
  return (candidate) => {
    const versions = byFamily.get(candidate.family) ?? []
    if (versions.length === 0) return false
    const fits = (pinned: Pinned | null): boolean =>
      pinned === null ||
      versions.some(
        // A registered version that does not parse matches only by equal text: the name cannot rule that out.
        (v) => v.major === null || (v.major === pinned.major && (v.minor === null || pinned.minor === null || v.minor === pinned.minor))
      )
    return fits(pinnedVersion(basename(candidate.path))) || fits(pinnedVersion(basename(candidate.realPath)))
  }
}

/** The version a file name pins (`python3.12` → 3.12, `node20` → 20), or null for none. */
function pinnedVersion(fileName: string): Pinned | null {
  const base = fileName.toLowerCase().replace(/\.exe$/, '')
  const python = PINNED_PYTHON.exec(base)
  if (python) return { major: Number(python[1]), minor: python[2] === undefined ? null : Number(python[2]) }
  const node = PINNED_NODE.exec(base)
  return node ? { major: Number(node[1]), minor: null } : null
}
