import type { VerificationDetail } from '../../../shared/domain/runtime'
import { checkCommand, locateBinary, type CheckedCommand, type ProbeContext } from './probe-check'
import { aliasesMatchFilter } from './runtime-filter'
import { extractVerificationCommands, RUNTIME_DEFAULT_PRIORITY, verificationFlags } from './verification-commands'
import { unavailableReason } from './verify-version'

/** Runtime-level availability: what runs when no version is selected. */
export interface RuntimeLevelVerification {
  readonly available: boolean
  readonly verification: VerificationDetail
  readonly reason: string | null
}

/**
 * Runtime detection (spec §3.5): with `ATTUNE_WORKER_RUNTIMES` set, the list decides; otherwise
 * `always_available` or `check_required: false` means available, a missing `verification` block means
 * unavailable, and the commands (default priority 999) are tried in order. The worker runs these
 * without a timeout; the workbench keeps its 10 s limit so a hanging binary cannot stall startup.
 */
export async function verifyRuntimeLevel(
  runtime: { readonly name: string; readonly aliases: readonly string[]; readonly distributions: unknown },
  context: ProbeContext & { readonly pathValue: string; readonly filter: readonly string[] | null }
): Promise<RuntimeLevelVerification> {
  const decided = (available: boolean, outcome: string, reason: string | null): RuntimeLevelVerification => ({
    available,
    reason,
    verification: { command: null, exitCode: null, matched: available, output: '', attempts: [{ command: '', exitCode: null, matched: available, outcome, cached: false }] }
  })
  if (context.filter) {
    const listed = aliasesMatchFilter([...runtime.aliases, runtime.name], context.filter)
    const text = `ATTUNE_WORKER_RUNTIMES=${context.filter.join(',')}`
    return listed ? decided(true, `listed in ${text}`, null) : decided(false, `not listed in ${text}`, `excluded: ${text} does not name it`)
  }
  const flags = verificationFlags(runtime.distributions)
  if (flags.alwaysAvailable) return decided(true, 'always available (verification.always_available)', null)
  if (!flags.checkRequired) return decided(true, 'no check required (verification.check_required: false)', null)
  const commands = extractVerificationCommands(runtime.distributions, RUNTIME_DEFAULT_PRIORITY, 'i64')
  if (!flags.hasVerification || commands.length === 0) {
    return decided(false, 'no verification commands', 'the runtime has no distributions.verification commands, so detection counts it unavailable')
  }
  const attempts: CheckedCommand[] = []
  for (const command of commands) {
    const checked = await checkCommand(command, locateBinary(command.binary, context.pathValue), context, null)
    attempts.push(checked)
    if (checked.passed) break
  }
  const decisive = attempts.find((attempt) => attempt.passed) ?? attempts[attempts.length - 1]
  const available = attempts.some((attempt) => attempt.passed)
  return {
    available,
    reason: available ? null : unavailableReason(attempts),
    verification: {
      command: decisive?.command ?? null,
      exitCode: decisive?.exitCode ?? null,
      matched: decisive?.matched ?? false,
      output: decisive?.output ?? '',
      attempts: attempts.map(({ command, exitCode, matched, outcome, cached }) => ({ command, exitCode, matched, outcome, cached }))
    }
  }
}
