import { describeType } from '../catalog/yaml-fields'
import type { Report } from './pack-loader-report'

/** The name part of an action ref: lower-case letters, digits, `_` and `-`. */
const ACTION_NAME = /^[a-z0-9_][a-z0-9_-]*$/

/**
 * Read an action's `ref` as `<pack>.<name>` (spec §1.3).
 *
 * A bare name is qualified with the pack (as the worker does) and warned about. A ref of another pack,
 * upper-case letters, extra dots or an empty name make the action unusable: reported, and null returned.
 */
export function readActionRef(value: unknown, packRef: string, report: Report): { ref: string; name: string } | null {
  if (typeof value !== 'string' || value.trim() === '') {
    report(['ref'], `is required (text such as '${packRef}.hello'), found ${describeType(value)}; the action is skipped`)
    return null
  }
  const written = value.trim()
  const dot = written.indexOf('.')
  const packPart = dot === -1 ? null : written.slice(0, dot)
  const name = dot === -1 ? written : written.slice(dot + 1)
  if (written !== written.toLowerCase()) {
    report(['ref'], `'${written}' must be lower-case (Attune stores refs in lower case): write '${written.toLowerCase()}'; the action is skipped`)
    return null
  }
  if (packPart !== null && packPart !== packRef) {
    report(['ref'], `'${written}' belongs to pack '${packPart}', but this is pack '${packRef}': write '${packRef}.${name}'; the action is skipped`)
    return null
  }
  if (name.includes('.')) {
    report(['ref'], `'${written}' has more than one dot; an action ref is '<pack>.<name>', such as '${packRef}.hello'; the action is skipped`)
    return null
  }
  if (!ACTION_NAME.test(name)) {
    report(['ref'], `'${written}' needs a name of lower-case letters, digits, '_' and '-' after the pack, such as '${packRef}.hello'; the action is skipped`)
    return null
  }
  if (packPart === null) {
    report(['ref'], `'${written}' has no pack part and is read as '${packRef}.${name}'; write the full ref`, 'warning')
  }
  return { ref: `${packRef}.${name}`, name }
}
