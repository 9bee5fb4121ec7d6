import type { VerificationCommandSpec } from '../../../shared/domain/execution-config'
import { isRecord } from '../catalog/yaml-fields'
import { rustAsI32, rustAsI64 } from './rust-integers'

/** Spec §1.9: default priority is 100 in version verification, 999 in runtime detection. */
export const VERSION_DEFAULT_PRIORITY = 100
export const RUNTIME_DEFAULT_PRIORITY = 999

/**
 * Extract `distributions.verification.commands` (spec §3.1 step 1).
 *
 * Entries without a string `binary` are skipped; non-string args are dropped; the sort by priority is
 * stable, so ties keep declaration order. Numbers are read as the worker reads them: `as_i64()` (a float
 * such as `1.0` or a value past i64 falls back to the default), then `as i32` for `exit_code`, and for
 * `priority` in version verification (`version_verify.rs`); runtime detection (`runtime_detection.rs`)
 * sorts by the i64 itself (`priorityAs: 'i64'`).
 */
export function extractVerificationCommands(
  distributions: unknown,
  defaultPriority = VERSION_DEFAULT_PRIORITY,
  priorityAs: 'i32' | 'i64' = 'i32'
): VerificationCommandSpec[] {
  if (!isRecord(distributions) || !isRecord(distributions.verification)) return []
  const commands = distributions.verification.commands
  if (!Array.isArray(commands)) return []
  const extracted: VerificationCommandSpec[] = []
  for (const entry of commands) {
    if (!isRecord(entry) || typeof entry.binary !== 'string') continue
    extracted.push({
      binary: entry.binary,
      args: Array.isArray(entry.args) ? entry.args.filter((arg): arg is string => typeof arg === 'string') : [],
      exitCode: rustAsI32(rustAsI64(entry.exit_code) ?? 0n),
      pattern: typeof entry.pattern === 'string' ? entry.pattern : null,
      priority: readPriority(rustAsI64(entry.priority) ?? BigInt(defaultPriority), priorityAs)
    })
  }
  return extracted.sort((a, b) => a.priority - b.priority)
}

// An i64 past 2^53 loses digits as a number; only the order of such priorities could differ from the worker's.
function readPriority(value: bigint, as: 'i32' | 'i64'): number {
  return as === 'i32' ? rustAsI32(value) : Number(value)
}

/** Runtime-level shortcut flags (spec §1.9, used by runtime detection only). */
export function verificationFlags(distributions: unknown): { alwaysAvailable: boolean; checkRequired: boolean; hasVerification: boolean } {
  if (!isRecord(distributions) || !isRecord(distributions.verification)) {
    return { alwaysAvailable: false, checkRequired: true, hasVerification: false }
  }
  const { always_available: always, check_required: required } = distributions.verification
  return { alwaysAvailable: always === true, checkRequired: required !== false, hasVerification: true }
}
