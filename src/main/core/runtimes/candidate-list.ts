import { badInput } from '../errors'
import { tryParseVersion, type ExplainCandidate } from '../versions'

/**
 * Parse `resolve --candidates`: comma-separated versions, a `*` suffix marks the default and a `!`
 * suffix marks a version unavailable (`3.11,3.12*,3.13!`). Order is kept as given.
 */
export function parseCandidateList(text: string): ExplainCandidate[] {
  const candidates: ExplainCandidate[] = []
  for (const raw of text.split(',')) {
    let item = raw.trim()
    if (item === '') continue
    let isDefault = false
    let available = true
    while (item.endsWith('*') || item.endsWith('!')) {
      if (item.endsWith('*')) isDefault = true
      else available = false
      item = item.slice(0, -1).trimEnd()
    }
    if (item === '') throw badInput(`--candidates: '${raw.trim()}' has no version before its marker`)
    candidates.push({ version: item, isDefault, available, enabled: true, unavailableReason: available ? null : "marked '!' in --candidates" })
  }
  if (candidates.length === 0) throw badInput(`--candidates: '${text}' lists no versions (expected e.g. "3.11,3.12*,3.13!")`)
  // A version the grammar cannot read would only show up as "does not parse" in the explanation; refuse it
  // instead, naming every one (a marker typed first, `*3.12`, lands here too).
  const unparsed = candidates.filter((candidate) => tryParseVersion(candidate.version) === null).map((candidate) => `'${candidate.version}'`)
  if (unparsed.length > 0) {
    throw badInput(`--candidates: ${unparsed.join(', ')} ${unparsed.length === 1 ? 'is not a version' : 'are not versions'} (markers go after the version: "3.12*,3.13!")`)
  }
  return candidates
}
