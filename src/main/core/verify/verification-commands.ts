import type { VerificationCommandSpec } from '../../../shared/domain/execution-config'
import { isRecord } from '../catalog/yaml-fields'

/** Spec §1.9: default priority is 100 in version verification, 999 in runtime detection. */
export const VERSION_DEFAULT_PRIORITY = 100
export const RUNTIME_DEFAULT_PRIORITY = 999

/**
 * Extract `distributions.verification.commands` (spec §3.1 step 1).
 *
 * Entries without a string `binary` are skipped; non-string args are dropped; the sort by priority is
 * stable, so ties keep declaration order.
 */
export function extractVerificationCommands(distributions: unknown, defaultPriority = VERSION_DEFAULT_PRIORITY): VerificationCommandSpec[] {
  if (!isRecord(distributions) || !isRecord(distributions.verification)) return []
  const commands = distributions.verification.commands
  if (!Array.isArray(commands)) return []
  const extracted: VerificationCommandSpec[] = []
  for (const entry of commands) {
    if (!isRecord(entry) || typeof entry.binary !== 'string') continue
    extracted.push({
      binary: entry.binary,
      args: Array.isArray(entry.args) ? entry.args.filter((arg): arg is string => typeof arg === 'string') : [],
      exitCode: typeof entry.exit_code === 'number' ? entry.exit_code : 0,
      pattern: typeof entry.pattern === 'string' ? entry.pattern : null,
      priority: typeof entry.priority === 'number' ? entry.priority : defaultPriority
    })
  }
  return extracted.sort((a, b) => a.priority - b.priority)
}

/** Runtime-level shortcut flags (spec §1.9, used by runtime detection only). */
export function verificationFlags(distributions: unknown): { alwaysAvailable: boolean; checkRequired: boolean; hasVerification: boolean } {
  if (!isRecord(distributions) || !isRecord(distributions.verification)) {
    return { alwaysAvailable: false, checkRequired: true, hasVerification: false }
  }
  const { always_available: always, check_required: required } = distributions.verification
  return { alwaysAvailable: always === true, checkRequired: required !== false, hasVerification: true }
}
