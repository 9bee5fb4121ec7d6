import { compareVersions } from '../versions'
import { FAMILY_ORDER, SOURCE_ORDER, type Installation } from './installation'

/**
 * Inventory order: family, then version newest first (semver precedence), then source order. Ties keep
 * scan order (the sort is stable), so within PATH the first directory wins, as it would in a shell.
 */
export function compareInstallations(a: Installation, b: Installation): number {
  return (
    FAMILY_ORDER.indexOf(a.family) - FAMILY_ORDER.indexOf(b.family) ||
    compareVersions(b.version, a.version) ||
    SOURCE_ORDER.indexOf(a.source) - SOURCE_ORDER.indexOf(b.source)
  )
}
